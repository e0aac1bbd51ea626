// Unit: document texts agree in gender with the document's type («Спецификация … сохранена», «Дополнительное соглашение … возвращено»).
import { describe, expect, it } from 'vitest';
import { agree, returnStateLabel } from '../../src-shared/doc-gender';

describe('agree', () => {
  it('puts a masculine short participle at the start into the gender of the type', () => {
    expect(agree('contract', 'сохранён')).toBe('сохранён');
    expect(agree('specification', 'сохранён')).toBe('сохранена');
    expect(agree('additional_agreement', 'сохранён')).toBe('сохранено');
    expect(agree('specification', 'возвращён')).toBe('возвращена');
    expect(agree('specification', 'Просрочен')).toBe('Просрочена');
    expect(agree('additional_agreement', 'Аннулирован')).toBe('Аннулировано');
    expect(agree('specification', 'Выдан')).toBe('Выдана');
    expect(agree('act', 'Возвращён в срок')).toBe('Возвращён в срок');
    expect(agree('specification', 'Возвращён с опозданием')).toBe('Возвращена с опозданием');
  });

  it('leaves texts without such a participle as they are', () => {
    expect(agree('specification', 'Ожидается')).toBe('Ожидается');
    expect(agree('specification', 'Не отслеживается')).toBe('Не отслеживается');
    expect(agree('specification', 'Черновик')).toBe('Черновик');
  });

  it('gives each return state of a report row in the row’s gender', () => {
    expect(returnStateLabel('specification', 'overdue')).toBe('Просрочена');
    expect(returnStateLabel('additional_agreement', 'returned_in_time')).toBe('Возвращено в срок');
    expect(returnStateLabel('invoice', 'returned_late')).toBe('Возвращён с опозданием');
  });
});
