// Print form: a specification to a contract (ЭС) — the template's text around the table of distributions (SKJP_000123_02) with monthly prices.
import { formatAmount } from '../../../../src-shared/format';
import type { PdfWriter } from '../pdf/writer';
import { templateValues, type PrintDoc } from '../data';
import { NETWORK_LABELS, counterpartyParty, ourParty, partiesBlock, renderTemplate } from './common';

export function drawSpecification(w: PdfWriter, p: PrintDoc): void {
  const table = () => {
    const rows = p.distributions.map((d, i) => [
      String(i + 1),
      d.code,
      // The name a client recognises («Юрист»), not the code the base keys on; the code is in the distribution beside it.
      d.systemName ?? d.systemCode,
      NETWORK_LABELS[d.networkType] ?? d.networkType,
      d.priceKop == null ? '—' : formatAmount(d.priceKop),
    ]);
    rows.push(['', 'Итого в месяц', '', '', formatAmount(p.totals.net)]);
    w.table(
      [
        { title: '№', width: 0.6, align: 'center' },
        { title: 'Дистрибутив', width: 2.6 },
        { title: 'Система', width: 1.6 },
        { title: 'Версия', width: 1.8 },
        { title: 'Стоимость в месяц, ₽', width: 2, align: 'right' },
      ],
      rows,
      { boldRows: [rows.length - 1] },
    );
  };
  renderTemplate(w, p, templateValues(p), { distributions: table });
  partiesBlock(w, [ourParty(p), counterpartyParty(p.counterparty)], 'Подписи сторон');
}
