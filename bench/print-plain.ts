// References for the print row of the documents benchmark, written from scratch in bench/: the floor (the indexed reads any
// print of a contract set needs) and the straightforward statement (those reads, then a plain pdf-lib PDF of the same facts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import type Database from 'better-sqlite3';

export interface SetData {
  contract: { id: number; number: string; date: string };
  specs: { id: number; number: string; date: string; lines: { code: string; priceKop: number | null }[] }[];
  customer: { fullName: string; inn: string; kpp: string | null; account: string | null; bankName: string | null };
  our: { fullName?: string; inn?: string; kpp?: string | null };
}

/** 123456 kopecks → «1 234,56», as a Russian reader writes money. */
export const rub = (kop: number) => {
  const r = Math.floor(Math.abs(kop) / 100);
  return `${kop < 0 ? '-' : ''}${String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(Math.abs(kop) % 100).padStart(2, '0')}`;
};

/** SKJP, 123, 2 → SKJP_000123_02 (the number in six digits, the computer only for a network kit). */
const distrCode = (system: string, n: number, comp: number) => `${system}_${String(n).padStart(6, '0')}${comp > 1 ? `_${String(comp).padStart(2, '0')}` : ''}`;

/** The floor: primary-key and index lookups of the contract, its specifications, their distributions, the parties. */
export class SetReader {
  private readonly doc: Database.Statement;
  private readonly children: Database.Statement;
  private readonly lines: Database.Statement;
  private readonly party: Database.Statement;
  private readonly ours: Database.Statement;

  constructor(sql: Database.Database) {
    this.doc = sql.prepare('SELECT id, number, date, counterparty_id AS cp FROM documents WHERE id = ?');
    this.children = sql.prepare("SELECT id, number, date FROM documents WHERE parent_id = ? AND type = 'specification' AND status <> 'cancelled' ORDER BY date, id");
    this.lines = sql.prepare(
      `SELECT d.system_code AS s, d.distr_number AS n, d.comp AS c, sd.price_kop AS p FROM specification_distributions sd
       JOIN distributions d ON d.id = sd.distribution_id WHERE sd.specification_id = ? ORDER BY sd.pos`,
    );
    this.party = sql.prepare('SELECT full_name AS fullName, inn, kpp, account, bank_name AS bankName FROM counterparties WHERE id = ?');
    this.ours = sql.prepare("SELECT value FROM settings WHERE key = 'documents.our_requisites'");
  }

  read(contractId: number): SetData {
    const c = this.doc.get(contractId) as { id: number; number: string; date: string; cp: number };
    const specs = (this.children.all(contractId) as { id: number; number: string; date: string }[]).map((s) => ({
      ...s,
      lines: (this.lines.all(s.id) as { s: string; n: number; c: number; p: number | null }[]).map((l) => ({ code: distrCode(l.s, l.n, l.c), priceKop: l.p })),
    }));
    const customer = this.party.get(c.cp) as SetData['customer'];
    const ours = this.ours.get() as { value: string } | undefined;
    return { contract: { id: c.id, number: c.number, date: c.date }, specs, customer, our: ours ? (JSON.parse(ours.value) as SetData['our']) : {} };
  }
}

/** What a correct print of the set must show, in the spellings above: every reader of the PDF looks for these. */
export function mustShow(d: SetData): string[] {
  const out = [d.contract.number, d.customer.fullName, `ИНН ${d.customer.inn}${d.customer.kpp ? `, КПП ${d.customer.kpp}` : ''}`];
  if (d.customer.account) out.push(d.customer.account);
  if (d.our.inn) out.push(`ИНН ${d.our.inn}`);
  for (const s of d.specs) {
    out.push(s.number);
    for (const l of s.lines) out.push(l.code, ...(l.priceKop != null ? [rub(l.priceKop)] : []));
  }
  return out;
}

const require = createRequire(import.meta.url);
let fontBytes: Buffer | null = null;

/** The straightforward statement: the reads, then one A4 PDF with those facts as lines of text (DejaVu, embedded as a subset). */
export async function plainPdf(d: SetData, file: string): Promise<number> {
  fontBytes ??= fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font: PDFFont = await pdf.embedFont(fontBytes, { subset: true });
  let page = pdf.addPage([595.28, 841.89]);
  let y = 800;
  const line = (text: string, size = 10) => {
    if (y < 50) {
      page = pdf.addPage([595.28, 841.89]);
      y = 800;
    }
    page.drawText(text, { x: 50, y, size, font });
    y -= size * 1.5;
  };
  line(`ДОГОВОР № ${d.contract.number} от ${d.contract.date.split('-').reverse().join('.')}`, 14);
  line(`Исполнитель: ${d.our.fullName ?? ''}, ИНН ${d.our.inn ?? ''}${d.our.kpp ? `, КПП ${d.our.kpp}` : ''}`);
  line(`Заказчик: ${d.customer.fullName}, ИНН ${d.customer.inn}${d.customer.kpp ? `, КПП ${d.customer.kpp}` : ''}`);
  if (d.customer.account) line(`Р/с ${d.customer.account} в ${d.customer.bankName ?? ''}`);
  for (const s of d.specs) {
    page = pdf.addPage([595.28, 841.89]);
    y = 800;
    line(`СПЕЦИФИКАЦИЯ № ${s.number} к Договору № ${d.contract.number}`, 14);
    let total = 0;
    s.lines.forEach((l, i) => {
      total += l.priceKop ?? 0;
      line(`${i + 1}  ${l.code}  ${l.priceKop != null ? rub(l.priceKop) : ''}`);
    });
    line(`Итого в месяц ${rub(total)}`);
  }
  const bytes = await pdf.save();
  fs.writeFileSync(file, bytes);
  return pdf.getPageCount();
}
