// Pieces shared by the print forms: template text, requisites of the parties, signature lines, Russian labels of print.
import type { OurRequisites } from '../../../../src-shared/doc-types';
import type { CounterpartyRow } from '../../../../src-shared/types';
import { formatDateLong, shortFio } from '../../../../src-shared/format';
import { fillTemplate, templateBlocks, type TemplateValues } from '../../documents/templates';
import { PdfWriter, type Block } from '../pdf/writer';
import { counterpartySigner, type PrintDoc } from '../data';

export const NETWORK_LABELS: Record<string, string> = {
  local: 'локальная',
  network: 'сетевая',
  flash: 'флеш-версия',
  online: 'онлайн-версия',
  internet: 'интернет-версия',
};

/**
 * Renders a filled template: titles and headings centred, paragraphs with an indent. The city and date line
 * goes right after the opening titles; `slots` draw what «[[name]]» lines stand for (a specification's table).
 */
export function renderTemplate(w: PdfWriter, p: PrintDoc, values: TemplateValues, slots: Record<string, () => void> = {}): void {
  const blocks = templateBlocks(fillTemplate(p.template, values));
  let opening = true;
  const used = new Set<string>();
  for (const b of blocks) {
    if (opening && b.kind !== 'title' && b.kind !== 'heading') {
      opening = false;
      w.space(4);
      w.spread(p.our.city ? `г. ${p.our.city.replace(/^г\.\s*/, '')}` : '', formatDateLong(p.doc.date));
      w.space(8);
    }
    if (b.kind === 'title') w.text(b.text, { size: 12.5, bold: true, align: 'center', after: 2 });
    else if (b.kind === 'heading') {
      if (!opening) w.space(5);
      // Keep a heading with at least three lines of what follows it.
      w.ensure(PdfWriter.leading(10) * 2 + PdfWriter.leading(9.5) * 3);
      w.text(b.text, { size: 10, bold: true, align: 'center', after: 3 });
    } else if (b.kind === 'paragraph') w.text(b.text, { size: 9.5, indent: 16, after: 2.5 });
    else if (b.kind === 'slot' && slots[b.name]) {
      w.space(3);
      slots[b.name]!();
      w.space(6);
      used.add(b.name);
    }
  }
  // A template edited without its slot still gets the table, after the text.
  for (const [name, draw] of Object.entries(slots)) if (!used.has(name)) draw();
}

export function ourLines(our: OurRequisites): Block['lines'] {
  return [
    { text: our.fullName, bold: true },
    { text: [our.inn && `ИНН ${our.inn}`, our.kpp && `КПП ${our.kpp}`].filter(Boolean).join(', ') },
    { text: our.ogrn ? `ОГРН ${our.ogrn}` : '' },
    { text: our.legalAddress ? `Адрес: ${our.legalAddress}` : '' },
    // A bank's name is a noun phrase in the nominative («Дальневосточный банк ПАО Сбербанк»): «в …» would need a case we cannot make.
    { text: our.account ? `Р/с ${our.account}` : '' },
    { text: our.bankName ? `Банк: ${our.bankName}` : '' },
    { text: [our.corrAccount && `К/с ${our.corrAccount}`, our.bik && `БИК ${our.bik}`].filter(Boolean).join(', ') },
    { text: [our.phone && `Тел.: ${our.phone}`, our.email && `E-mail: ${our.email}`].filter(Boolean).join(', ') },
  ].filter((l) => l.text);
}

export function counterpartyLines(cp: CounterpartyRow): Block['lines'] {
  return [
    { text: cp.fullName, bold: true },
    { text: [`ИНН ${cp.inn}`, cp.kpp && `КПП ${cp.kpp}`].filter(Boolean).join(', ') },
    { text: cp.ogrn ? `${cp.ogrn.length === 15 ? 'ОГРНИП' : 'ОГРН'} ${cp.ogrn}` : '' },
    { text: cp.legalAddress ? `Адрес: ${cp.legalAddress}` : '' },
    // A bank's name is a noun phrase in the nominative («Дальневосточный банк ПАО Сбербанк»): «в …» would need a case we cannot make.
    { text: cp.account ? `Р/с ${cp.account}` : '' },
    { text: cp.bankName ? `Банк: ${cp.bankName}` : '' },
    { text: [cp.corrAccount && `К/с ${cp.corrAccount}`, cp.bik && `БИК ${cp.bik}`].filter(Boolean).join(', ') },
  ].filter((l) => l.text);
}

export interface Party {
  role: string;
  lines: Block['lines'];
  position: string;
  name: string;
}

export function ourParty(p: PrintDoc, role = 'Исполнитель'): Party {
  return { role, lines: ourLines(p.our), position: p.signer.position, name: p.signer.name };
}

export function counterpartyParty(cp: CounterpartyRow, role = 'Заказчик'): Party {
  const s = counterpartySigner(cp);
  return { role, lines: counterpartyLines(cp), position: s.position.charAt(0).toUpperCase() + s.position.slice(1), name: s.name };
}

/** «Реквизиты и подписи сторон»: each party's requisites with a signature line under them, side by side. */
export function partiesBlock(w: PdfWriter, parties: Party[], heading = 'Адреса, реквизиты и подписи сторон'): void {
  w.space(8);
  w.text(heading, { size: 10, bold: true, align: 'center', after: 6 });
  w.columns(parties.map((x) => ({ lines: [{ text: `${x.role}:`, bold: true, size: 9.5 }, ...x.lines, ...signatureLines(x)] })));
}

/** Only signatures (forms whose requisites are printed above). */
export function signaturesBlock(w: PdfWriter, parties: Party[]): void {
  w.space(14);
  w.columns(parties.map((x) => ({ lines: [{ text: `${x.role}:`, bold: true, size: 9.5 }, ...signatureLines(x)] })));
}

function signatureLines(x: Party): Block['lines'] {
  return [
    { text: x.position || ' ', gapBefore: 10 },
    // Short enough to stay on one line in three columns (an agreement on a change of party).
    { text: `______________ / ${shortFio(x.name) || '____________'} /`, gapBefore: 14 },
    { text: 'М. П.', size: 8, grey: true, gapBefore: 2 },
  ];
}

/** The РИЦ's head (the document's signer) and its chief accountant side by side: an invoice, a счёт-фактура, a УПД. */
export function headSignatures(w: PdfWriter, p: PrintDoc, headLabel: string, accountantLabel: string): void {
  w.columns([
    {
      lines: [
        { text: headLabel, bold: true, size: 9.5 },
        { text: p.signer.position || ' ', gapBefore: 4 },
        { text: `____________________ / ${shortFio(p.signer.name) || '____________'} /`, gapBefore: 12 },
      ],
    },
    {
      lines: [
        { text: accountantLabel, bold: true, size: 9.5 },
        { text: ' ', gapBefore: 4 },
        { text: `____________________ / ${shortFio(p.our.chiefAccountant) || '____________'} /`, gapBefore: 12 },
      ],
    },
  ]);
}
