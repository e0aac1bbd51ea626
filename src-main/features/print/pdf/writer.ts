// A small flow-layout writer over pdf-lib: A4 pages (portrait or landscape), wrapped paragraphs, tables that break across pages, side-by-side blocks, per-document page numbers.
import zlib from 'node:zlib';
import { PDFDocument, type PDFFont, type PDFName, type PDFPage } from 'pdf-lib';
import { cachedFontkit, loadFont, textWidth, type FontKey } from './fonts';

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
/** Grey levels (PDF `g`/`G`, 0 black … 1 white). */
const GREY = 0.35;
const RULE = 0.25;
const SHADE = 0.92;

/** A coordinate in the content stream: two decimals are far below what a printer resolves. */
const n = (v: number) => String(Math.round(v * 100) / 100);

/**
 * Operators of one page, written as PDF content text and deflated with Node's zlib when the file is saved.
 * pdf-lib's drawText wraps every line in a graphics state and its pure-JS deflate was half the time of a print.
 */
class PageContent {
  readonly ops: string[] = [];
  private fontKeys = new Map<FontKey, PDFName>();
  constructor(readonly page: PDFPage) {}
  fontKey(key: FontKey, font: PDFFont): PDFName {
    let name = this.fontKeys.get(key);
    if (!name) {
      name = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(key, name);
    }
    return name;
  }
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** First-line indent in points. */
  indent?: number;
  /** Space after the paragraph in points. */
  after?: number;
  grey?: boolean;
}

export interface Column {
  title: string;
  /** Relative width; columns share the text width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  size?: number;
  /** Rows (by index) printed bold, e.g. totals. */
  boldRows?: number[];
  /** Without the shaded header row (a bordered box of values, like an invoice's bank details). */
  header?: boolean;
  /** A second header row repeated with the first (the column numbers of a tax form: «А», «1», «1а»…). */
  subHeader?: string[];
}

/** One column of a side-by-side block: lines of text, each wrapped to the column's width. */
export interface Block {
  lines: { text: string; bold?: boolean; size?: number; grey?: boolean; gapBefore?: number }[];
}

interface Section {
  pages: PageContent[];
  /** Printed small at the bottom left of every page of the section, e.g. the document's name and number. */
  label: string;
  /** Printed at the top of every page after the section's first (a tax form's «… — продолжение»). */
  runningHead: string | null;
}

/** Abbreviations that must stay on the line of the word after them: «г. Владивосток», «д. 11», «№ 5», «п. 2.2.3». */
const BOUND = /(^|[\s(])(г\.|ул\.|д\.|п\.|пп\.|ст\.|корп\.|стр\.|кв\.|оф\.|пр-т|№) /g;
export function bindShortWords(text: string): string {
  return text.replace(BOUND, '$1$2\u00a0');
}

export class PdfWriter {
  private size!: [number, number];
  readonly left = 20 * MM;
  /** Right edge, top and text width of the current page's orientation. */
  right!: number;
  top!: number;
  readonly bottom = 18 * MM;
  width!: number;
  private readonly defaultLandscape: boolean;
  private page!: PageContent;
  private readonly pages: PageContent[] = [];
  /** Top of the next line, in points from the page bottom. */
  y = 0;
  private readonly sections: Section[] = [];

  private constructor(
    readonly doc: PDFDocument,
    private readonly fonts: Record<FontKey, PDFFont>,
    landscape: boolean,
  ) {
    this.defaultLandscape = landscape;
    this.orient(landscape);
  }

  private orient(landscape: boolean): void {
    this.size = landscape ? [A4[1], A4[0]] : A4;
    this.right = this.size[0] - 12 * MM;
    this.top = this.size[1] - 15 * MM;
    this.width = this.right - this.left;
  }

  /** Wide tables (reports) go on landscape pages. */
  static async create(title: string, opts: { landscape?: boolean } = {}): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(cachedFontkit as never);
    doc.setTitle(title);
    doc.setProducer('РИЦ CRM');
    doc.setCreator('РИЦ CRM');
    const fonts = {
      regular: await doc.embedFont(loadFont('regular').bytes, { subset: true }),
      bold: await doc.embedFont(loadFont('bold').bytes, { subset: true }),
    };
    return new PdfWriter(doc, fonts, opts.landscape ?? false);
  }

  /**
   * Starts a document inside the file: a new page, and page numbers counted from 1 again. A section may turn its
   * pages to landscape (a УПД's wide table) inside a portrait file.
   */
  startSection(label: string, opts: { landscape?: boolean } = {}): void {
    this.orient(opts.landscape ?? this.defaultLandscape);
    this.sections.push({ pages: [], label, runningHead: null });
    this.newPage();
  }

  /** From the next page on, every further page of this section starts with `text` (small, bold). */
  setRunningHead(text: string | null): void {
    this.sections[this.sections.length - 1]!.runningHead = text;
  }

  newPage(): void {
    this.page = new PageContent(this.doc.addPage(this.size));
    this.pages.push(this.page);
    const section = this.sections[this.sections.length - 1]!;
    section.pages.push(this.page);
    this.y = this.top;
    if (section.runningHead && section.pages.length > 1) {
      const size = 8;
      this.drawLine(this.fit(section.runningHead, this.width, size, 'bold'), this.left, this.y - size * 0.93, 'bold', size);
      this.y -= PdfWriter.leading(size) + 4;
    }
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Splits text into lines no wider than `width`; words longer than a line are cut. No-break spaces hold words together. */
  wrap(text: string, width: number, key: FontKey, size: number, firstIndent = 0): string[] {
    const lines: string[] = [];
    for (const para of bindShortWords(text).split('\n')) {
      let line = '';
      let room = width - firstIndent;
      for (const word of para.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (textWidth(key, candidate, size) <= room) {
          line = candidate;
          continue;
        }
        if (line) {
          lines.push(line);
          room = width;
        }
        let rest = word;
        while (textWidth(key, rest, size) > room) {
          let cut = rest.length - 1;
          while (cut > 1 && textWidth(key, rest.slice(0, cut), size) > room) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
          room = width;
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  private drawLine(text: string, x: number, baseline: number, key: FontKey, size: number, grey = false, page = this.page): void {
    if (!text) return;
    const font = this.fonts[key];
    const hex = font.encodeText(text).toString();
    page.ops.push(`BT ${page.fontKey(key, font).toString()} ${n(size)} Tf ${grey ? GREY : 0} g 1 0 0 1 ${n(x)} ${n(baseline)} Tm ${hex} Tj ET`);
  }

  private stroke(x1: number, y1: number, x2: number, y2: number, width: number): void {
    this.page.ops.push(`${n(width)} w ${RULE} G ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
  }

  private fillRect(x: number, y: number, width: number, height: number, grey: number): void {
    this.page.ops.push(`${grey} g ${n(x)} ${n(y)} ${n(width)} ${n(height)} re f 0 g`);
  }

  private alignX(text: string, key: FontKey, size: number, x: number, width: number, align: TextStyle['align']): number {
    if (align === 'center') return x + (width - textWidth(key, text, size)) / 2;
    if (align === 'right') return x + width - textWidth(key, text, size);
    return x;
  }

  /** The text cut with «…» to fit `width` (one-line labels). */
  fit(text: string, width: number, size: number, key: FontKey = 'regular'): string {
    if (textWidth(key, text, size) <= width) return text;
    let cut = text.length;
    while (cut > 1 && textWidth(key, `${text.slice(0, cut)}…`, size) > width) cut--;
    return `${text.slice(0, cut).trimEnd()}…`;
  }

  static leading(size: number): number {
    return size * 1.28;
  }

  /** A wrapped paragraph; it breaks across pages line by line. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const key: FontKey = style.bold ? 'bold' : 'regular';
    const indent = style.indent ?? 0;
    const lead = PdfWriter.leading(size);
    this.wrap(text, this.width, key, size, indent).forEach((line, i) => {
      this.ensure(lead);
      const x = i === 0 && style.align !== 'center' ? this.left + indent : this.left;
      this.drawLine(line, this.alignX(line, key, size, x, i === 0 ? this.width - indent : this.width, style.align), this.y - size * 0.93, key, size, style.grey);
      this.y -= lead;
    });
    this.y -= style.after ?? 0;
  }

  /** Text at the left and at the right of one line (the city and the date under a contract's title). */
  spread(leftText: string, rightText: string, size = 10): void {
    const lead = PdfWriter.leading(size);
    this.ensure(lead);
    const baseline = this.y - size * 0.93;
    this.drawLine(leftText, this.left, baseline, 'regular', size);
    this.drawLine(rightText, this.right - textWidth('regular', rightText, size), baseline, 'regular', size);
    this.y -= lead;
  }

  rule(): void {
    this.stroke(this.left, this.y, this.right, this.y, 0.6);
    this.y -= 4;
  }

  /** A bordered table; the header row repeats on every page the table continues on. */
  table(columns: Column[], rows: string[][], opts: TableOptions = {}): void {
    const size = opts.size ?? 9;
    const lead = PdfWriter.leading(size);
    const pad = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const layoutRow = (cells: string[], key: FontKey) => {
      const wrapped = cells.map((c, i) => this.wrap(c, widths[i]! - 2 * pad, key, size));
      return { wrapped, height: Math.max(...wrapped.map((l) => l.length)) * lead + 2 * pad };
    };
    const drawRow = (row: ReturnType<typeof layoutRow>, key: FontKey, shaded: boolean) => {
      const top = this.y;
      if (shaded) this.fillRect(this.left, top - row.height, this.width, row.height, SHADE);
      row.wrapped.forEach((lines, i) => {
        lines.forEach((line, j) => {
          const x = this.alignX(line, key, size, xs[i]! + pad, widths[i]! - 2 * pad, shaded ? 'center' : columns[i]!.align);
          this.drawLine(line, x, top - pad - j * lead - size * 0.93, key, size);
        });
      });
      const bottom = top - row.height;
      const line = (x1: number, y1: number, x2: number, y2: number) => this.stroke(x1, y1, x2, y2, 0.5);
      line(this.left, top, this.right, top);
      line(this.left, bottom, this.right, bottom);
      for (const x of [...xs, this.right]) line(x, top, x, bottom);
      this.y = bottom;
    };
    const header = layoutRow(
      columns.map((c) => c.title),
      'bold',
    );
    const sub = opts.subHeader ? layoutRow(opts.subHeader, 'regular') : null;
    const bold = new Set(opts.boldRows ?? []);
    const withHeader = opts.header !== false;
    const drawHeader = () => {
      if (withHeader) drawRow(header, 'bold', true);
      if (sub) drawRow(sub, 'regular', true);
    };
    this.ensure((withHeader ? header.height : 0) + (sub?.height ?? 0) + lead * 2);
    drawHeader();
    rows.forEach((cells, i) => {
      const key: FontKey = bold.has(i) ? 'bold' : 'regular';
      const row = layoutRow(cells, key);
      if (this.y - row.height < this.bottom) {
        this.newPage();
        drawHeader();
      }
      drawRow(row, key, false);
    });
  }

  /** Blocks side by side (requisites of the parties, signatures); kept on one page. */
  columns(blocks: Block[], gap = 14): void {
    const w = (this.width - gap * (blocks.length - 1)) / blocks.length;
    const laid = blocks.map((b) =>
      b.lines.flatMap((l) => {
        const size = l.size ?? 9;
        const key: FontKey = l.bold ? 'bold' : 'regular';
        return this.wrap(l.text, w, key, size).map((text, i) => ({ text, key, size, grey: l.grey, gap: i === 0 ? (l.gapBefore ?? 0) : 0 }));
      }),
    );
    const heightOf = (lines: (typeof laid)[number]) => lines.reduce((s, l) => s + l.gap + PdfWriter.leading(l.size), 0);
    const height = Math.max(...laid.map(heightOf));
    this.ensure(Math.min(height, this.top - this.bottom));
    const top = this.y;
    laid.forEach((lines, i) => {
      let y = top;
      const x = this.left + i * (w + gap);
      for (const l of lines) {
        y -= l.gap;
        this.drawLine(l.text, x, y - l.size * 0.93, l.key, l.size, l.grey);
        y -= PdfWriter.leading(l.size);
      }
    });
    this.y = top - height;
  }

  /** Draws «Страница N из M» on every page, counted per document, and saves the file. */
  async finish(): Promise<{ bytes: Uint8Array; pages: number }> {
    for (const s of this.sections) {
      s.pages.forEach((page, i) => {
        const size = 7.5;
        const text = `Страница ${i + 1} из ${s.pages.length}`;
        // Each page's own width: sections may differ in orientation.
        const right = page.page.getWidth() - 12 * MM;
        this.drawLine(text, right - textWidth('regular', text, size), 10 * MM, 'regular', size, true, page);
        if (s.label) this.drawLine(this.fit(s.label, (right - this.left) * 0.7, size), this.left, 10 * MM, 'regular', size, true, page);
      });
    }
    for (const p of this.pages) {
      const stream = this.doc.context.stream(zlib.deflateSync(Buffer.from(p.ops.join('\n'), 'latin1')), { Filter: 'FlateDecode' });
      p.page.node.addContentStream(this.doc.context.register(stream));
    }
    // pdf-lib yields to the event loop every 50 objects by default (a timer each time): one file is small, write it in one go.
    const bytes = await this.doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
    return { bytes, pages: this.doc.getPageCount() };
  }
}
