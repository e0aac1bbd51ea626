// Unit: the document form's money parsing, checks and mapping to the contract (pure renderer modules), against the contract's own schema.
import { describe, expect, it } from 'vitest';
import { documentCreateInput } from '../../src-shared/api/documents';
import { parseMoney, stateColor } from '../../src-renderer/screens/documents/docUi';
import { initialValues, linesNet, parseQty, serverPath, specNet, toCreateInput, validate, type FormValues } from '../../src-renderer/screens/documents/form/formModel';

const spec = (dists: FormValues['dists']): FormValues => ({ ...initialValues('specification', '2026-11-27', 7), dists });

describe('parseMoney', () => {
  it('reads money as people type it and refuses a minus with a message', () => {
    expect(parseMoney('1 234,56').kop).toBe(123456);
    expect(parseMoney('1\u00a0234.5').kop).toBe(123450);
    expect(parseMoney('2000 ₽').kop).toBe(200000);
    expect(parseMoney('').kop).toBeNull();
    expect(parseMoney('-100')).toEqual({ kop: null, error: 'Сумма не может быть отрицательной' });
    expect(parseMoney('12,345').error).toMatch(/копейки через запятую/);
    expect(parseMoney('сто').error).not.toBeNull();
  });
});

describe('document form model', () => {
  it('refuses a specification without distributions and a wrong price, next to the fields', () => {
    expect(validate('specification', spec({}), true).dists).toMatch(/хотя бы один дистрибутив/);
    expect(validate('specification', spec({ 5: { on: false, price: '' } }), true).dists).toBeDefined();
    const bad = validate('specification', spec({ 5: { on: true, price: '-1' } }), true);
    expect(bad).toEqual({ 'dists.5': 'Сумма не может быть отрицательной' });
    expect(validate('specification', { ...spec({ 5: { on: true, price: '' } }), parentId: null }, true).parentId).toBe('Выберите договор');
  });

  it('an invoice by lines: quantities as typed, each line checked, the contract\'s input, and server paths back to the cells', () => {
    expect(parseQty('2').qty).toBe(2);
    expect(parseQty('0,5').qty).toBe(0.5);
    expect(parseQty('1.125').qty).toBe(1.125);
    expect(parseQty('0,333333').qty).toBe(0.333333);
    for (const bad of ['', '0', '-1', '1,1234567', 'два', '2000000']) expect(parseQty(bad).error, bad).not.toBeNull();
    const v: FormValues = {
      ...initialValues('invoice', '2026-11-27', 7),
      lines: [
        { name: 'Сопровождение К+', qty: '3', unit: 'мес.', price: '1 000' },
        { name: '  ', qty: '0', unit: '', price: 'abc' },
      ],
    };
    expect(validate('invoice', v, true)).toEqual({
      'lines.1.name': 'Укажите наименование',
      'lines.1.qty': 'Количество больше нуля',
      'lines.1.price': expect.stringMatching(/^Сумма: число рублей/),
    });
    expect(linesNet(v)).toBeNull();
    const ok: FormValues = { ...v, lines: [v.lines[0]!, { name: 'Семинар', qty: '0,5', unit: '', price: '1 001' }] };
    expect(validate('invoice', ok, true)).toEqual({});
    expect(linesNet(ok)).toBe(350_050);
    const input = toCreateInput('invoice', 3, ok);
    expect(input.lines).toEqual([
      { name: 'Сопровождение К+', qty: 3, unit: 'мес.', priceKop: 100_000 },
      { name: 'Семинар', qty: 0.5, unit: null, priceKop: 100_100 },
    ]);
    expect(input.amountKop).toBeUndefined();
    expect(documentCreateInput.safeParse(input).success).toBe(true);
    expect(serverPath('lines.1.priceKop', ok)).toBe('lines.1.price');
    expect(serverPath('lines.0.name', ok)).toBe('lines.0.name');
    // Without lines: one amount, no lines sent.
    const single = toCreateInput('invoice', 3, { ...initialValues('invoice', '2026-11-27', 7), amount: '500' });
    expect(single.amountKop).toBe(50_000);
    expect(single.lines).toBeUndefined();
  });

  it('builds input the contract accepts, and maps the server paths back to the form', () => {
    const v = spec({ 5: { on: true, price: '1 234,56' }, 9: { on: true, price: '' }, 11: { on: false, price: '99' } });
    expect(specNet(v)).toBe(123456);
    const input = toCreateInput('specification', 3, v);
    expect(input.distributions).toEqual([
      { distributionId: 5, priceKop: 123456 },
      { distributionId: 9, priceKop: null },
    ]);
    expect(documentCreateInput.safeParse(input).success).toBe(true);
    expect(serverPath('distributions.1.distributionId', v)).toBe('dists.9');
    expect(serverPath('newCounterparty.inn', v)).toBe('cp_inn');
    expect(serverPath('amountKop', v)).toBe('amount');
    const contract = toCreateInput('contract', 3, { ...initialValues('contract', '2026-11-27'), amount: '10 000' });
    expect(documentCreateInput.safeParse(contract).success).toBe(true);
    expect(contract.amountKop).toBe(1_000_000);
  });

  it('colours states as the app does: overdue red, due in three days amber, later grey, returned green', () => {
    expect(stateColor('overdue', '2026-11-20', '2026-11-27')).toBe('red');
    expect(stateColor('awaited', '2026-11-30', '2026-11-27')).toBe('yellow');
    expect(stateColor('awaited', '2026-12-07', '2026-11-27')).toBe('gray');
    expect(stateColor('returned_late', '2026-11-20', '2026-11-27')).toBe('green');
  });
});
