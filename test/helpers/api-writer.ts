// Child process for crash and load tests: creates clients through the real core (dispatcher, one transaction each) and prints `ack N` after each commit.
// Usage: node --import tsx test/helpers/api-writer.ts --db F --token T [--from N] [--rate R] [--tag W]
import { parseArgs } from 'node:util';
import { createCore } from '../../src-main/core';

const { values } = parseArgs({
  options: { db: { type: 'string' }, token: { type: 'string' }, from: { type: 'string', default: '1' }, rate: { type: 'string', default: '0' }, tag: { type: 'string', default: 'W' } },
});
const core = createCore({ dbPath: values.db!, log: () => undefined });
const rate = Number(values.rate);
const gapMs = rate > 0 ? 1000 / rate : 0;
const started = performance.now();
process.stdout.write('writer ready\n');
for (let n = Number(values.from); ; n++) {
  const r = await core.call('clients.create', { name: `${values.tag} ${n}` }, values.token!);
  if (!r.ok) {
    process.stdout.write(`error ${n} ${JSON.stringify(r.error)}\n`);
    process.exit(1);
  }
  // Written only after the commit: an acknowledged row must survive any kill from here on.
  process.stdout.write(`ack ${n}\n`);
  if (gapMs > 0) {
    const due = started + (n - Number(values.from) + 1) * gapMs;
    await new Promise((res) => setTimeout(res, Math.max(0, due - performance.now())));
  } else if (n % 20 === 0) {
    // Flat out, but let the kill signal and stdout drain now and then.
    await new Promise((res) => setImmediate(res));
  }
}
