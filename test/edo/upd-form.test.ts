// Unit: the document form for a УПД and a счёт-фактура — VAT preset and required for a счёт-фактура, amount required, input the contract accepts.
import { describe, expect, it } from 'vitest';
import { documentCreateInput } from '../../src-shared/api/documents';
import { initialValues, toCreateInput, validate } from '../../src-renderer/screens/documents/form/formModel';
import { BILLING_TYPES, DOCUMENT_ISSUE_REASONS, DOCUMENT_NUMBER_PREFIX, formatDocNumber } from '../../src-shared/doc-types';

describe('form model', () => {
  it('presets VAT for a счёт-фактура and refuses «Без НДС» next to the VAT field', () => {
    const v = { ...initialValues('invoice_factura', '2026-11-27', 4), amount: '1 220,00' };
    expect(v.vatMode).toBe('included');
    expect(validate('invoice_factura', v, true)).toEqual({});
    expect(validate('invoice_factura', { ...v, vatMode: 'none' }, true).vatMode).toMatch(/только с НДС/);
    const input = toCreateInput('invoice_factura', 3, v);
    expect(input).toMatchObject({ type: 'invoice_factura', parentId: 4, vatMode: 'included', vatRate: 22, amountKop: 1_220_00 });
    expect(documentCreateInput.safeParse(input).success).toBe(true);
    const none = documentCreateInput.safeParse(toCreateInput('invoice_factura', 3, { ...v, vatMode: 'none' }));
    expect(none.success).toBe(false);
    expect(none.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['vatMode', 'vat_required']]);
  });

  it('asks an amount of a УПД like of an act, and takes it without VAT', () => {
    const v = initialValues('upd', '2026-11-27');
    expect(v.vatMode).toBe('none');
    expect(validate('upd', v, true).amount).toBe('Укажите сумму');
    expect(documentCreateInput.safeParse(toCreateInput('upd', 3, { ...v, amount: '100' })).success).toBe(true);
  });
});

describe('types', () => {
  it('numbers УПД and счета-фактуры with their own prefixes, bills them with lines, names the VAT refusal', () => {
    expect([formatDocNumber('upd', 2026, 1), formatDocNumber('invoice_factura', 2026, 12)]).toEqual(['УПД-2026-0001', 'СФ-2026-0012']);
    expect(new Set(Object.values(DOCUMENT_NUMBER_PREFIX)).size).toBe(Object.keys(DOCUMENT_NUMBER_PREFIX).length);
    expect(BILLING_TYPES).toEqual(['invoice', 'act', 'upd', 'invoice_factura']);
    expect(DOCUMENT_ISSUE_REASONS.vat_required).toBeDefined();
  });
});
