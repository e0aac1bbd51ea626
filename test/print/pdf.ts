// Looks inside produced PDFs with Debian's poppler-utils: extracted text (pdftotext) and how much of a page is inked (pdftoppm).
import { execFileSync } from 'node:child_process';

/**
 * The text of the whole file, or of one page; no-break spaces and runs of spaces become one space, so assertions
 * read naturally. `layout` keeps table rows on one line (columns of side-by-side blocks then interleave).
 */
export function pdfText(file: string, page?: number, layout = false): string {
  const args = [...(page ? ['-f', String(page), '-l', String(page)] : []), ...(layout ? ['-layout'] : [])];
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/**
 * Share of dark pixels on a page rendered at 50 dpi in grey (PGM, trivial to parse). A page whose font did not
 * render (a broken subset) comes out white: the share is then near 0.
 */
export function inkShare(file: string, page = 1): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', String(page), '-l', String(page), file]);
  // Header: "P5\n<w> <h>\n<max>\n" then w*h bytes.
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!m) throw new Error('not a PGM image');
  const [w, h] = [Number(m[1]), Number(m[2])];
  const pixels = pgm.subarray(pgm.length - w * h);
  let dark = 0;
  for (const p of pixels) if (p < 160) dark++;
  return dark / pixels.length;
}
