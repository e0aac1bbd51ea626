// `hotline --db F [--date D]`: prints hotline.txt for today (РИЦ time zone) or a date; kits left out are listed on stderr.
import { openDb } from '../../db/connection';
import { isValidIsoDate } from '../../../src-shared/api/common';
import { buildHotline, hotlineToday } from '../../features/chat/hotline.repo';
import { existingFile, parseOptions, requireOption, usageError } from '../util';

export const HOTLINE_USAGE = `  hotline   --db F [--date YYYY-MM-DD]     print hotline.txt (distributions with Онлайн-диалог on today or on
                                           the date); kits whose system has no number are listed on stderr`;

export function hotlineCommand(args: string[]): void {
  const o = parseOptions(args, { db: { type: 'string' }, date: { type: 'string' } });
  if (o.date !== undefined && !isValidIsoDate(o.date)) throw usageError(`--date must be a date YYYY-MM-DD, got "${o.date}"`);
  const db = openDb(existingFile(requireOption(o.db, 'db'), 'Database'), {});
  try {
    const file = buildHotline(db, o.date ?? hotlineToday(db, new Date()));
    process.stdout.write(`${file.text}\n`);
    for (const w of file.warnings) {
      const why = w.problem === 'system_without_number' ? 'has no number in the systems catalogue' : 'is not in the systems catalogue';
      console.error(`Warning: system ${w.systemCode} ${why}: ${w.count} kit(s) left out (${w.kits.join(', ')}${w.count > w.kits.length ? ', …' : ''})`);
    }
  } finally {
    db.$client.close();
  }
}
