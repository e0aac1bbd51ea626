// Grammatical gender of document types, so messages and badges agree: «Договор … сохранён», «Спецификация … сохранена».
import type { DocumentType } from '../../../src-shared/doc-types';

export type Gender = 'm' | 'f' | 'n';

export const DOC_GENDER: Record<DocumentType, Gender> = {
  contract: 'm',
  specification: 'f',
  additional_agreement: 'n',
  invoice: 'm',
  act: 'm',
};

/**
 * A short participle given in the masculine («сохранён», «Просрочен», «Аннулирован») in the gender of `type`:
 * «сохранена» / «сохранено». The stressed «ё» of «-ён» becomes «е» in the other forms («возвращена»).
 */
export function agree(type: DocumentType, masculine: string): string {
  const g = DOC_GENDER[type];
  if (g === 'm' || !/н$/i.test(masculine)) return masculine;
  const stem = masculine.replace(/ён$/, 'ен').replace(/ЁН$/, 'ЕН');
  return stem + (g === 'f' ? 'а' : 'о');
}
