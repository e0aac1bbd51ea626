// CLI entry: `npm run cli -- <command> --db <file> …` for administrators (seed, backup, restore, migrate, user add).
import { backupCommand, restoreCommand } from './commands/backup';
import { migrateCommand } from './commands/migrate';
import { seedCommand } from './commands/seed';
import { ROLE_HELP, userCommand } from './commands/user';
import { CliError } from './util';
import { MAIL_USAGE, mailCommand, tasksCommand } from './mail';
import { IMPORT_USAGE, importCommand } from './commands/import';
import { CHAT_USAGE, chatCommand } from './chat';
import { USR_USAGE, usrCommand } from './usr';
import { HOTLINE_USAGE, hotlineCommand } from './commands/hotline';
import { EDO_USAGE, edoCommand } from './edo';

export const USAGE = `Usage: npm run cli -- <command> --db <file> [options]

Commands:
  migrate   --db F                         apply pending migrations and list them
  backup    --db F --to DIR [--keep N] [--keep-days D]
                                           a verified backup of the database, its key and file
                                           stores into DIR/<name>-<time>/ (safe while the program
                                           runs); --keep/--keep-days remove older ones
  restore   --db F --from DIR/<backup>     replace F (and its key and stores) by a backup; refused
                                           while a program holds F; the replaced files are kept
  seed      --db F --clients N [--seed S]  add N generated clients (scale data)
  user add  --db F --login L --password-file P --role R [--role R2 …] [--name "ФИО"]
                                           add an employee; the password is read from file P
                                           (one trailing newline is ignored; at least 8 characters)
${MAIL_USAGE}
${IMPORT_USAGE}
${CHAT_USAGE}
${USR_USAGE}
${HOTLINE_USAGE}
${EDO_USAGE}

Role codes: ${ROLE_HELP}`;

const COMMANDS: Record<string, (args: string[]) => void | Promise<void>> = {
  migrate: migrateCommand,
  backup: backupCommand,
  restore: restoreCommand,
  seed: seedCommand,
  user: userCommand,
  mail: mailCommand,
  tasks: tasksCommand,
  import: importCommand,
  chat: chatCommand,
  usr: usrCommand,
  hotline: hotlineCommand,
  edo: edoCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    await command(rest);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`Error: ${err.message}`);
      if (err.exitCode === 2) console.error('Run `npm run cli -- help` for usage.');
      return err.exitCode;
    }
    console.error('Error:', err instanceof Error ? err.message : err);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
