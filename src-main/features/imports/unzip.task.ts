// Worker task: opens a ZIP from outside within limits (entries, total size) and hands back its files with their hashes.
import crypto from 'node:crypto';
import { unzipSync, type UnzipFileInfo } from 'fflate';

export interface UnzipInput {
  bytes: Uint8Array;
  /** Limits of what the archive may unpack to. */
  maxEntries: number;
  maxTotalBytes: number;
}

export interface UnzipMember {
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

export type UnzipOutput = { ok: true; members: UnzipMember[]; skipped: { name: string; code: string }[] } | { ok: false; status: 'malformed' | 'too_large'; detail?: string };

export function run(input: UnzipInput): UnzipOutput {
  let entries = 0;
  let declared = 0;
  const skipped: { name: string; code: string }[] = [];
  let over = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(input.bytes, {
      filter(f: UnzipFileInfo) {
        if (f.name.endsWith('/')) return false;
        entries++;
        declared += f.originalSize;
        // The declared sizes are checked before anything is inflated; a lying header is caught below on the real size.
        if (entries > input.maxEntries || declared > input.maxTotalBytes) {
          over = true;
          return false;
        }
        if (/(^|\/)__MACOSX\//.test(f.name) || /(^|\/)\.[^/]*$/.test(f.name)) {
          skipped.push({ name: f.name, code: 'hidden_entry' });
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    return { ok: false, status: 'malformed', detail: (err as Error).message.slice(0, 200) };
  }
  if (over) return { ok: false, status: 'too_large', detail: `entries ${entries}, declared ${declared}` };
  let total = 0;
  const members: UnzipMember[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    total += bytes.byteLength;
    if (total > input.maxTotalBytes) return { ok: false, status: 'too_large', detail: 'inflated size' };
    members.push({ name, bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
  }
  return { ok: true, members, skipped };
}
