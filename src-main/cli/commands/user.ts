// `user add --db F --login L --password-file P --role R [--role R2 …] [--name "ФИО"]`: adds an employee.
import fs from 'node:fs';
import { openDb, tx } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { hashPassword } from '../../features/auth/passwords';
import { employeeSaveInput } from '../../../src-shared/api/admin';
import { ROLES, ROLE_LABELS, type Role } from '../../../src-shared/roles';
import { insertEmployee } from '../../demo/employees';
import { CliError, existingFile, parseOptions, requireOption, usageError } from '../util';

export const ROLE_HELP = ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ');

/** The password is the file's content without one trailing newline (what `echo … > file` adds). */
export function readPassword(file: string): string {
  const text = fs.readFileSync(existingFile(file, 'Password file'), 'utf8');
  return text.replace(/\r?\n$/, '');
}

const REASONS: Record<string, string> = {
  login: 'may contain only Latin letters, digits, dot, underscore and hyphen',
  password_short: 'must be at least 8 characters long',
  required: 'is required',
  too_small: 'is too short',
  too_big: 'is too long',
};

export async function userCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw usageError(sub ? `unknown user command "${sub}" (only "user add" exists)` : 'missing user command: user add');
  const opts = parseOptions(rest, {
    db: { type: 'string' },
    login: { type: 'string' },
    'password-file': { type: 'string' },
    role: { type: 'string', multiple: true },
    name: { type: 'string' },
  });
  const file = requireOption(opts.db, 'db');
  const login = requireOption(opts.login, 'login');
  const password = readPassword(requireOption(opts['password-file'], 'password-file'));
  const roles = opts.role ?? [];
  if (roles.length === 0) throw usageError(`missing --role; role codes: ${ROLE_HELP}`);
  const badRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (badRole) throw usageError(`unknown role "${badRole}"; role codes: ${ROLE_HELP}`);

  // The same rules as the administrator's screen (employees.save), so both paths accept the same accounts.
  const parsed = employeeSaveInput.safeParse({ login, fullName: opts.name ?? login, roles, password });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === 'fullName' ? 'name' : String(issue.path[0] ?? 'input');
    throw new CliError(`--${field === 'password' ? 'password-file: the password' : field} ${REASONS[issue.message] ?? REASONS[issue.code] ?? issue.message}`);
  }
  const input = parsed.data;
  const hash = await hashPassword(input.password!);
  const db = openDb(file);
  try {
    const id = tx(db, () => {
      if (stmt(db, 'SELECT 1 FROM employees WHERE login = ? COLLATE NOCASE').get(input.login)) {
        throw new CliError(`login "${input.login}" is already taken`);
      }
      return insertEmployee(db, { login: input.login, fullName: input.fullName, roles: input.roles as Role[] }, hash, new Date().toISOString(), 'cli');
    });
    console.log(`Employee added: ${input.login} (${input.fullName}), id ${id}, roles: ${input.roles.join(', ')}`);
  } finally {
    db.$client.close();
  }
}
