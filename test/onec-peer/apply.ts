// How the 1С peer records EnterpriseData objects: by key, numbering documents itself, idempotent for re-sent ones.
import { createHash } from 'node:crypto';
import { ED_DOCUMENT_TYPES, pathText, textOf, type EdObject, type XmlNode, type XmlValue } from './format';
import { ensureEdo } from './edo';
import { EMPTY_DATE, ZERO_GUID, nextNumber, setOfEdType, type CoreState, type EntitySet } from './state';

export interface ApplySettings {
  numberPrefix: string;
  numberStart: number;
  rejectKeys: ReadonlySet<string>;
  autoEdo: boolean;
  now: number;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** The first `Ссылка` anywhere under a node (a reference inside a table or a nested object). */
function firstRef(v: XmlValue | undefined): string {
  if (v === undefined || typeof v === 'string') return '';
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = firstRef(x);
      if (r) return r;
    }
    return '';
  }
  if (v['Ссылка'] !== undefined) return textOf(v['Ссылка']);
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('@')) continue;
    const r = firstRef(x);
    if (r) return r;
  }
  return '';
}

function amount(s: string): number {
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : 0;
}

function truthy(s: string): boolean {
  return s === 'true' || s === '1';
}

function catalogFields(o: EdObject): Record<string, unknown> {
  const k = (name: string) => pathText(o.data, `КлючевыеСвойства/${name}`) || pathText(o.data, name);
  if (o.type === 'Справочник.Контрагенты') {
    return {
      Description: k('Наименование'),
      НаименованиеПолное: k('НаименованиеПолное'),
      ИНН: k('ИНН'),
      КПП: k('КПП'),
      ЮридическоеФизическоеЛицо: k('ЮридическоеФизическоеЛицо'),
    };
  }
  const keys = o.data['КлючевыеСвойства'] as XmlNode | undefined;
  return {
    Description: k('Наименование'),
    Номер: k('Номер'),
    Дата: k('Дата') || EMPTY_DATE,
    Owner_Key: firstRef(keys?.['Контрагент']) || firstRef(keys?.['Владелец']) || ZERO_GUID,
  };
}

function documentFields(o: EdObject): Record<string, unknown> {
  const keys = o.data['КлючевыеСвойства'] as XmlNode | undefined;
  const fields: Record<string, unknown> = {
    Date: pathText(o.data, 'КлючевыеСвойства/Дата') || EMPTY_DATE,
    Posted: true,
    Контрагент_Key: firstRef(o.data['Контрагент']) || firstRef(keys?.['Контрагент']) || ZERO_GUID,
    ДоговорКонтрагента_Key: firstRef((o.data['ДанныеВзаиморасчетов'] as XmlNode | undefined)?.['Договор']) || ZERO_GUID,
    СуммаДокумента: amount(pathText(o.data, 'Сумма')),
    СуммаВключаетНДС: truthy(pathText(o.data, 'СуммаВключаетНДС')),
    Комментарий: pathText(o.data, 'Комментарий'),
  };
  if (o.type === 'Документ.РеализацияТоваровУслуг') {
    // EnterpriseData has no single public УПД flag: any of these spellings marks one.
    fields['ЭтоУниверсальныйДокумент'] = ['ЭтоУниверсальныйДокумент', 'УПД', 'ЭтоУПД'].some((n) => truthy(pathText(o.data, n)));
  }
  if (o.type === 'Документ.СчетФактураВыданный') {
    fields['ДокументОснование'] = firstRef(o.data['ДокументыОснования']) || firstRef(o.data['ДокументОснование']) || ZERO_GUID;
  }
  return fields;
}

/** Records one received object; documents get the peer's number (kept for a re-sent or changed document). */
export function applyObject(s: CoreState, o: EdObject, st: ApplySettings): ApplyOutcome {
  const set = setOfEdType(o.type) as EntitySet;
  const isDoc = ED_DOCUMENT_TYPES.includes(o.type);
  if (isDoc && st.rejectKeys.has(o.ref)) return 'rejected';
  const hash = createHash('sha1').update(JSON.stringify(o.data)).digest('hex');
  const existing = s.entities[o.ref];
  if (existing && existing.set !== set) return 'rejected';
  if (existing && existing.hash === hash) return 'unchanged';
  const fields = isDoc ? documentFields(o) : catalogFields(o);
  const version = existing ? Number(existing.fields['DataVersion'] ?? 0) + 1 : 1;
  if (existing) {
    existing.fields = { ...existing.fields, ...fields, DataVersion: String(version) };
    existing.hash = hash;
  } else {
    const base: Record<string, unknown> = { Ref_Key: o.ref, DataVersion: '1', DeletionMark: false };
    if (isDoc) base['Number'] = nextNumber(s, set, st.numberPrefix, st.numberStart);
    else base['Code'] = nextNumber(s, set, '', 1);
    s.entities[o.ref] = { set, fields: { ...base, ...fields }, hash };
  }
  if (isDoc) {
    const org = (n: string) => pathText(o.data, `КлючевыеСвойства/Организация/${n}`);
    if (org('Наименование') || org('ИНН')) s.entities[o.ref]!.org = { name: org('Наименование'), inn: org('ИНН'), kpp: org('КПП') };
    s.unacked[o.ref] = 0;
    if (st.autoEdo) ensureEdo(s, o.ref, set, s.entities[o.ref]!.fields, st.now);
  }
  return existing ? 'updated' : 'created';
}

/** Catalogs first, so documents find their counterparty whatever order the body had. */
export function applyAll(s: CoreState, objects: EdObject[], st: ApplySettings): Record<ApplyOutcome, string[]> {
  const out: Record<ApplyOutcome, string[]> = { created: [], updated: [], unchanged: [], rejected: [] };
  const ordered = [...objects].sort((a, b) => Number(a.type.startsWith('Документ')) - Number(b.type.startsWith('Документ')));
  for (const o of ordered) out[applyObject(s, o, st)].push(o.ref);
  return out;
}
