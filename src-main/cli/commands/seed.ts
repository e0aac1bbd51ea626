// `seed --db F --clients N [--seed S]`: adds generated clients for load tests, fast (bulk inserts, one index rebuild).
import { openDb } from '../../db/connection';
import { seedClients } from '../../demo/scale';
import { parseOptions, requireOption, seconds, usageError } from '../util';

export const SEED_MAX = 2_000_000;

function positiveInt(text: string, name: string, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw usageError(`--${name} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < 1 || n > max) throw usageError(`--${name} must be between 1 and ${max}`);
  return n;
}

export function seedCommand(args: string[]): void {
  const opts = parseOptions(args, { db: { type: 'string' }, clients: { type: 'string' }, seed: { type: 'string' } });
  const file = requireOption(opts.db, 'db');
  const clients = positiveInt(requireOption(opts.clients, 'clients'), 'clients', SEED_MAX);
  const seed = opts.seed === undefined ? 1 : positiveInt(opts.seed, 'seed', 2 ** 31);
  const db = openDb(file);
  try {
    const tty = process.stderr.isTTY;
    const r = seedClients(db, {
      clients,
      seed,
      onProgress: (done, total) => {
        if (tty) process.stderr.write(`\r  ${done} / ${total} clients`);
      },
    });
    if (tty) process.stderr.write('\n');
    console.log(
      `Seeded ${r.clients} clients, ${r.contacts} contacts, ${r.distributions} distributions, ${r.phones} phones, ${r.emails} e-mails ` +
        `in ${seconds(r.insertMs + r.indexMs)} (inserts ${seconds(r.insertMs)}, search index ${seconds(r.indexMs)}).`,
    );
  } finally {
    db.$client.close();
  }
}
