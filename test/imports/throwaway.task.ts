// A throwaway import format's parser, for the mechanism's tests: `TSTFMT` then `key;value` lines (see mechanism.test.ts).
import type { ParseInput, ParseOutcome } from '../../src-main/features/imports/format';

export interface TstRecord {
  key: string;
  value: string;
}

export function run(input: ParseInput): ParseOutcome<TstRecord> {
  const text = Buffer.from(input.bytes).toString('utf8');
  const lines = text.split('\n').slice(1);
  if (lines.includes('BROKEN')) return { ok: false, status: 'malformed', detail: 'broken on purpose' };
  if (lines.includes('TOO_OLD')) return { ok: false, status: 'too_old' };
  if (lines.includes('THROW')) throw new Error('parser threw');
  if (lines.includes('SLEEP')) {
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      // hold the thread past its time limit
    }
  }
  const records: TstRecord[] = [];
  const problems: { record: number; code: string }[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const [key, value] = line.split(';');
    if (!key || value === undefined) problems.push({ record: i + 1, code: 'no_value' });
    else records.push({ key, value });
  });
  return { ok: true, parsed: { records, problems } };
}
