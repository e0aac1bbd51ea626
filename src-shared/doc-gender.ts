// Grammatical gender of document types, so messages, badges and reports agree: «Договор … сохранён», «Спецификация … сохранена».
import { RETURN_STATE_LABELS, type DocumentType, type ReturnState } from './doc-types';

export type Gender = 'm' | 'f' | 'n';

export const DOC_GENDER: Record<DocumentType, Gender> = {
  contract: 'm',
  specification: 'f',
  additional_agreement: 'n',
  invoice: 'm',
  act: 'm',
  /** Универсальный передаточный документ. */
  upd: 'm',
  /** «Счёт-фактура выставлена»: the compound takes the gender of «фактура». */
  invoice_factura: 'f',
};

/**
 * Text that starts with a short participle in the masculine («сохранён», «Просрочен», «Возвращён в срок») in the gender
 * of `type`: «сохранена», «Просрочено», «Возвращена в срок». The stressed «ё» of «-ён» becomes «е» in the other forms.
 */
export function agree(type: DocumentType, masculine: string): string {
  const g = DOC_GENDER[type];
  if (g === 'm') return masculine;
  return masculine.replace(/^(\S*?)(ён|н)(?=\s|[,.:;]|$)/i, (_, stem: string, end: string) => `${stem}${end === 'ён' ? 'ен' : end === 'ЁН' ? 'ЕН' : end}${g === 'f' ? 'а' : 'о'}`);
}

/** The return state of one document in its gender: «Просрочена» for a specification. */
export const returnStateLabel = (type: DocumentType, state: ReturnState): string => agree(type, RETURN_STATE_LABELS[state]);
