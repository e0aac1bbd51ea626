// The 1С peer's ЭДО side: outgoing ЭДО documents for accounting documents and their states advancing by a script.
import { EMPTY_DATE, onecDate, randomGuid, type CoreState, type EdoRecord, type EdoStep, type EntitySet } from './state';

/** States seen in public integrations (the full list is not public); tests may set any other string. */
export const EDO_STATES = {
  awaitingSend: 'ОжидаетсяОтправка',
  awaitingNotice: 'ОжидаетсяИзвещение',
  awaitingConfirmation: 'ОжидаетсяПодтверждение',
  done: 'ОбменЗавершен',
  rejected: 'ОтклоненПолучателем',
  annulled: 'Аннулирован',
} as const;

/** A script that sends at once, is delivered, and is signed `signAfterMs` later. */
export function signingScript(signAfterMs: number): EdoStep[] {
  return [
    { afterMs: 0, state: EDO_STATES.awaitingConfirmation, send: true },
    { afterMs: signAfterMs, state: EDO_STATES.done, sign: true },
  ];
}

export function regulationOf(set: EntitySet, fields: Record<string, unknown>): string {
  if (set === 'Document_РеализацияТоваровУслуг') return fields['ЭтоУниверсальныйДокумент'] === true ? 'УПД' : 'АктВыполненныхРабот';
  if (set === 'Document_СчетФактураВыданный') return 'СчетФактура';
  return 'СчетНаОплату';
}

/** Makes the ЭДО document of an accounting document unless it has one. */
export function ensureEdo(s: CoreState, objectRef: string, set: EntitySet, fields: Record<string, unknown>, now: number): EdoRecord {
  const existing = s.edo[objectRef];
  if (existing) return existing;
  const rec: EdoRecord = {
    edoRef: randomGuid(s),
    objectRef,
    objectSet: set,
    startedAt: now,
    step: 0,
    sentAt: EMPTY_DATE,
    signedAt: EMPTY_DATE,
    regulation: regulationOf(set, fields),
    state: EDO_STATES.awaitingSend,
    stateChangedAt: onecDate(now),
    reason: '',
  };
  s.edo[objectRef] = rec;
  return rec;
}

export function applyStep(rec: EdoRecord, step: EdoStep, at: number): void {
  rec.state = step.state;
  rec.stateChangedAt = onecDate(at);
  if (step.send && rec.sentAt === EMPTY_DATE) rec.sentAt = onecDate(at);
  if (step.sign) rec.signedAt = onecDate(at);
  if (step.reason !== undefined) rec.reason = step.reason;
}

/** Applies the due script steps of one record; returns whether anything changed. */
export function advanceOne(rec: EdoRecord, scriptOf: (rec: EdoRecord) => EdoStep[], now: number): boolean {
  const script = scriptOf(rec);
  let changed = false;
  while (rec.step < script.length && rec.startedAt + script[rec.step]!.afterMs <= now) {
    const step = script[rec.step]!;
    applyStep(rec, step, rec.startedAt + step.afterMs);
    rec.step++;
    changed = true;
  }
  return changed;
}

/** Applies the script steps that are due for every record; returns whether anything changed. */
export function advanceEdo(s: CoreState, scriptOf: (rec: EdoRecord) => EdoStep[], now: number): boolean {
  let changed = false;
  for (const rec of Object.values(s.edo)) if (advanceOne(rec, scriptOf, now)) changed = true;
  return changed;
}

/** A manual event: the script of this document stops, the event decides its state. */
export function manualEdo(rec: EdoRecord, step: Omit<EdoStep, 'afterMs'>, at: number): void {
  rec.script = [];
  rec.step = 0;
  applyStep(rec, { ...step, afterMs: 0 }, at);
}

/** The three OData views of a record, with the field names public integrations read. */
export function edoLinkRow(rec: EdoRecord): Record<string, unknown> {
  return {
    ОбъектУчета: rec.objectRef,
    ОбъектУчета_Type: `StandardODATA.${rec.objectSet}`,
    ЭлектронныйДокумент: rec.edoRef,
    ЭлектронныйДокумент_Type: 'StandardODATA.Document_ЭлектронныйДокументИсходящийЭДО',
    Актуальный: true,
  };
}

export function edoDocumentRow(rec: EdoRecord, object: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    Ref_Key: rec.edoRef,
    DataVersion: `${rec.step}:${rec.stateChangedAt}`,
    DeletionMark: false,
    Number: '',
    Date: rec.stateChangedAt,
    Posted: false,
    НомерДокумента: String(object?.['Number'] ?? ''),
    ДатаДокумента: String(object?.['Date'] ?? EMPTY_DATE),
    ДатаОтправки: rec.sentAt,
    ДатаПодписания: rec.signedAt,
    ТипРегламента: rec.regulation,
    СуммаДокумента: Number(object?.['СуммаДокумента'] ?? 0),
    Контрагент: String(object?.['Контрагент_Key'] ?? ''),
    Контрагент_Type: 'StandardODATA.Catalog_Контрагенты',
    Остановлен: false,
    ОбменБезПодписи: false,
  };
}

export function edoStateRow(rec: EdoRecord): Record<string, unknown> {
  return {
    ЭлектронныйДокумент: rec.edoRef,
    ЭлектронныйДокумент_Type: 'StandardODATA.Document_ЭлектронныйДокументИсходящийЭДО',
    Состояние: rec.state,
    ДатаИзменения: rec.stateChangedAt,
    ПричинаОтклонения: rec.reason,
  };
}
