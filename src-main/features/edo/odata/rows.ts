// Shapes of the 1С OData rows we read: checked field by field, never trusted (unknown extra fields pass through).
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
/** 1С dates are `YYYY-MM-DDTHH:MM:SS`; an empty one is `0001-01-01T00:00:00` (or, in some setups, an empty string). */
const onecDate = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?)?$/);
const text = z.string().max(10_000);

export const counterpartyRow = z.looseObject({
  Ref_Key: guid,
  ИНН: text.optional().default(''),
  КПП: text.optional().default(''),
  DeletionMark: z.boolean().optional().default(false),
});

export const documentRow = z.looseObject({
  Ref_Key: guid,
  Number: text,
});

export const edoLinkRow = z.looseObject({
  ОбъектУчета: text,
  ЭлектронныйДокумент: text,
  ЭлектронныйДокумент_Type: text.optional(),
  Актуальный: z.boolean().optional(),
});

export const edoDocumentRow = z.looseObject({
  Ref_Key: guid,
  Date: onecDate.optional(),
  DeletionMark: z.boolean().optional().default(false),
  ДатаОтправки: onecDate.optional(),
  ДатаПодписания: onecDate.optional(),
  ТипРегламента: text.optional(),
});

export const edoStateRow = z.looseObject({
  ЭлектронныйДокумент: text,
  Состояние: text,
  ДатаИзменения: onecDate.optional(),
  ПричинаОтклонения: text.optional(),
});

export type EdoDocumentRow = z.infer<typeof edoDocumentRow>;

/** A 1С date or null when it is empty / the `0001-01-01` sentinel. */
export function dateOrNull(v: string | undefined): string | null {
  if (!v || v.startsWith('0001-01-01')) return null;
  return v;
}
