// DejaVu Sans (open licence, full Cyrillic) for print forms: located in the package, parsed once, embedded per PDF as a subset.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';

export type FontKey = 'regular' | 'bold';
const FILES: Record<FontKey, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

/** A fontkit font object as far as layout code uses it. */
export interface KitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  characterSet: number[];
  ascent: number;
  descent: number;
}

interface Loaded {
  bytes: Uint8Array;
  font: KitFont;
  /** Advance width per code point in font units (measuring text without a layout pass per line). */
  widths: Map<number, number>;
}

const loaded = new Map<FontKey, Loaded>();

function fontPath(file: string): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    // A bundle without node_modules next to it (e.g. tests of the packaged app) keeps the fonts in ./fonts.
    const here = path.dirname(new URL(import.meta.url).pathname);
    const local = [path.join(here, 'fonts', file), path.join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf', file)].find((p) => fs.existsSync(p));
    if (!local) throw new Error(`font ${file} not found (package dejavu-fonts-ttf)`);
    return local;
  }
}

export function loadFont(key: FontKey): Loaded {
  let f = loaded.get(key);
  if (!f) {
    const bytes = new Uint8Array(fs.readFileSync(fontPath(FILES[key])));
    const font = fontkit.create(bytes) as unknown as KitFont;
    // fontkit caches one glyph object per glyph id with the code points it was first asked for. DejaVu draws
    // Cyrillic «о», «р», «у»… as references to Latin glyphs, and subsetting fetches those by id, without code
    // points; a later PDF reusing this font would then map Latin «o» to no text (pdftotext loses it). Asking for
    // every code point first gives each glyph its code point before any subset sees it.
    for (const cp of font.characterSet) font.glyphForCodePoint(cp);
    f = { bytes, font, widths: new Map() };
    loaded.set(key, f);
  }
  return f;
}

/**
 * The font as pdf-lib sees it: one glyph per character, without OpenType shaping. pdf-lib asks fontkit to lay
 * out every line it draws, and the shaping pass (GSUB/GPOS lookups) was a third of the time of printing; Russian
 * and Latin business text needs neither ligatures nor marks, and pdf-lib does not apply kerning when drawing.
 */
function unshaped(font: KitFont): KitFont {
  const simple = Object.create(font) as KitFont & {
    layout: (text: string) => { glyphs: unknown[]; positions: unknown[] };
    createSubset: () => Subset;
  };
  const byCodePoint = new Map<number, unknown>();
  simple.layout = (text: string) => {
    const glyphs: unknown[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = byCodePoint.get(cp);
      if (g === undefined) byCodePoint.set(cp, (g = font.glyphForCodePoint(cp)));
      glyphs.push(g);
    }
    return { glyphs, positions: [] };
  };
  const createSubset = (font as unknown as { createSubset: () => Subset }).createSubset;
  simple.createSubset = () => {
    const sub = createSubset.call(simple);
    // The encoder's stream class is not exported: take it from a stream made the original way by an empty, discarded subset.
    encodeStreamClass ??= (createSubset.call(simple).encodeStream() as { constructor: new () => EncodeStreamLike }).constructor;
    sub.encodeStream = () => syncEncodeStream(sub, encodeStreamClass!);
    return sub;
  };
  return simple;
}

interface Subset {
  encode(stream: unknown): void;
  encodeStream(): unknown;
}
type Chunk = Uint8Array | null;
interface EncodeStreamLike {
  push(chunk: Chunk): boolean;
  end(): void;
}

let encodeStreamClass: (new () => EncodeStreamLike) | null = null;

/**
 * fontkit's browser build schedules the subset's encoding and every stream event with setTimeout(0), which
 * left the process idle for milliseconds per font. The same encoder runs here synchronously into a list of
 * chunks, handed to pdf-lib through the two events it listens to, one microtask later.
 */
function syncEncodeStream(sub: Subset, Stream: new () => EncodeStreamLike): { on(event: string, cb: (arg?: unknown) => void): unknown } {
  const s = new Stream();
  const chunks: Uint8Array[] = [];
  s.push = (chunk: Chunk) => {
    if (chunk) chunks.push(chunk);
    return true;
  };
  let error: unknown = null;
  try {
    sub.encode(s);
    s.end();
  } catch (e) {
    error = e;
  }
  const listeners: Record<string, ((arg?: unknown) => void)[]> = {};
  queueMicrotask(() => {
    if (error) return listeners.error?.forEach((cb) => cb(error));
    for (const c of chunks) listeners.data?.forEach((cb) => cb(c));
    listeners.end?.forEach((cb) => cb());
  });
  const emitter = {
    on(event: string, cb: (arg?: unknown) => void) {
      (listeners[event] ??= []).push(cb);
      return emitter;
    },
  };
  return emitter;
}

const simpleFonts = new Map<Uint8Array, KitFont>();

/**
 * Handed to pdf-lib instead of fontkit itself: pdf-lib parses the font on every embed, and parsing the
 * same 700 KB file for every document would dominate the time of a print run.
 */
export const cachedFontkit = {
  create(data: Uint8Array) {
    for (const f of loaded.values()) {
      if (f.bytes !== data) continue;
      let simple = simpleFonts.get(data);
      if (!simple) simpleFonts.set(data, (simple = unshaped(f.font)));
      return simple;
    }
    return fontkit.create(data);
  },
};

/** Width of `text` in points at `size` (no kerning: pdf-lib draws glyphs by their advance widths as well). */
export function textWidth(key: FontKey, text: string, size: number): number {
  const f = loadFont(key);
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let w = f.widths.get(cp);
    if (w === undefined) {
      w = f.font.glyphForCodePoint(cp).advanceWidth;
      f.widths.set(cp, w);
    }
    units += w;
  }
  return (units * size) / f.font.unitsPerEm;
}
