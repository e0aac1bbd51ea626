// Unzipping an EnterpriseData zip from outside: exactly one xml entry, inflated as a stream and stopped at the size limit.
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';

export type EdUnzipResult = { ok: true; name: string; bytes: Uint8Array } | { ok: false; code: 'too_large' | 'malformed'; message: string };

/** Compressed bytes fed per step: deflate expands at most ~1032×, so one step yields at most a few MB. */
const STEP = 4096;

class Stop extends Error {
  constructor(
    readonly code: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7) && (bytes[3] === 4 || bytes[3] === 6 || bytes[3] === 8);
}

/**
 * The one `.xml` entry of the zip. A declared size over `maxBytes` is refused before inflating; the real size is
 * counted as it inflates (a header that lies is caught either way); a second entry, a truncated archive or an entry
 * whose real size differs from its declared one is `malformed`.
 */
export function unzipSingleXml(bytes: Uint8Array, maxBytes: number): EdUnzipResult {
  let file: UnzipFile | null = null;
  let stop: Stop | null = null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const fail = (s: Stop) => {
    stop ??= s;
    file?.terminate();
  };
  const uz = new Unzip((f) => {
    if (stop) return;
    if (f.name.endsWith('/')) return;
    if (file) return fail(new Stop('malformed', 'the zip holds more than one file'));
    file = f;
    if (!/^[^/\\]{1,200}\.xml$/i.test(f.name)) return fail(new Stop('malformed', 'the zip entry is not a bare .xml name'));
    if (f.originalSize != null && f.originalSize > maxBytes) return fail(new Stop('too_large', `declared ${f.originalSize} bytes`));
    const declared = f.originalSize;
    f.ondata = (err, chunk, final) => {
      if (stop) return;
      if (err) return fail(new Stop('malformed', `inflate: ${err.message.slice(0, 100)}`));
      total += chunk.length;
      if (total > maxBytes) return fail(new Stop('too_large', `inflates past ${maxBytes} bytes`));
      if (declared != null && total > declared) return fail(new Stop('malformed', 'the entry inflates past its declared size'));
      chunks.push(chunk);
      if (final) {
        if (declared != null && total !== declared) return fail(new Stop('malformed', 'the entry is shorter than its declared size'));
        done = true;
      }
    };
    try {
      f.start();
    } catch (err) {
      fail(new Stop('malformed', `entry: ${(err as Error).message.slice(0, 100)}`));
    }
  });
  uz.register(UnzipInflate);
  uz.register(UnzipPassThrough);
  try {
    for (let i = 0; i < bytes.length && !stop; i += STEP) {
      uz.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
    }
  } catch (err) {
    if (err instanceof Stop) stop ??= err;
    else stop ??= new Stop('malformed', `zip: ${(err as Error).message.slice(0, 100)}`);
  }
  if (stop) return { ok: false, code: (stop as Stop).code, message: (stop as Stop).message };
  if (!file) return { ok: false, code: 'malformed', message: 'the zip holds no file' };
  if (!done) return { ok: false, code: 'malformed', message: 'the zip is truncated' };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, name: (file as UnzipFile).name, bytes: out };
}
