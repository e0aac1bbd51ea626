// The formats the import mechanism knows: each feature registers its own, the mechanism holds no format-specific code.
import { HEAD_BYTES, type ImportFormat } from './format';

const formats = new Map<string, ImportFormat>();

/** Registers a format once (the same definition again, as a re-imported module does, is harmless). */
export function registerFormat<F extends ImportFormat>(format: F): F {
  const known = formats.get(format.kind);
  if (known && known !== format && known.parse.module !== format.parse.module) throw new Error(`import format ${format.kind} is already registered`);
  formats.set(format.kind, format);
  return format;
}

/** Removes a format (tests that register a throwaway one). */
export function unregisterFormat(kind: string): void {
  formats.delete(kind);
}

export function formatByKind(kind: string): ImportFormat | undefined {
  return formats.get(kind);
}

export function registeredFormats(): ImportFormat[] {
  return [...formats.values()];
}

/**
 * The format that claims a file, judged by its first bytes and name; undefined when none does. `zipOnly` asks only the
 * formats that read ZIP files themselves (see `claimsZip`).
 */
export function detectFormat(bytes: Uint8Array, name: string, zipOnly = false): ImportFormat | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES));
  for (const f of formats.values()) {
    if (zipOnly && !f.claimsZip) continue;
    try {
      if (f.detect(head, name)) return f;
    } catch {
      // A detector that throws on odd bytes does not claim the file.
    }
  }
  return undefined;
}
