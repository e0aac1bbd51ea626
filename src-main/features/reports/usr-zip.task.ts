// Worker task `reports.usrZip`: writes the ZIP of a report's USR files and its manifest into a temp file, one stored file at a time, with progress in a side file.
import fs from 'node:fs';
import yazl from 'yazl';
import { openDb } from '../../db/connection';
import { manifestCsv, usrZipPlan, type UsrZipSource } from './usr-zip.manifest';

export type UsrZipInput = UsrZipSource & {
  dbFile: string;
  /** Where the archive goes, and the small JSON file the caller polls for progress ({ done, total }). */
  outPath: string;
  progressPath: string;
};

export interface UsrZipOutput {
  files: number;
  bytes: number;
  /** Manifest lines whose file is not in the archive (removed by housekeeping, or gone from the store). */
  removed: number;
  lines: number;
}

export async function run(input: UsrZipInput): Promise<UsrZipOutput> {
  const db = openDb(input.dbFile, { readonly: true });
  let plan: ReturnType<typeof usrZipPlan>;
  try {
    plan = db.$client.transaction(() => usrZipPlan(db, input)).deferred();
  } finally {
    db.$client.close();
  }
  const total = plan.entries.length;
  const report = (done: number) => fs.writeFileSync(input.progressPath, JSON.stringify({ done, total }));
  report(0);
  // A file that vanished since the plan (a purge in between) is listed as missing, not silently dropped.
  const present = plan.entries.filter((e) => e.path && fs.existsSync(e.path));
  const gone = new Set(plan.entries.filter((e) => !present.includes(e)).map((e) => e.entry));
  for (const l of plan.lines) if (l.entry && gone.has(l.entry)) l.state = 'missing';
  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestCsv(plan.lines), 'manifest.csv');
  let done = 0;
  for (const e of present) {
    zip.addReadStreamLazy(e.entry, { size: e.size, compressionLevel: 6 }, (cb) => {
      // yazl asks for the next stream only when the previous one is written: one open file at a time.
      if (done % 25 === 0) report(done);
      done++;
      cb(null, fs.createReadStream(e.path!));
    });
  }
  zip.end();
  const out = fs.createWriteStream(input.outPath, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.on('error', reject);
    out.on('error', reject).on('finish', resolve);
    zip.outputStream.pipe(out);
  });
  report(total);
  return { files: present.length, bytes: fs.statSync(input.outPath).size, removed: plan.lines.filter((l) => l.state === 'purged' || l.state === 'missing').length, lines: plan.lines.length };
}
