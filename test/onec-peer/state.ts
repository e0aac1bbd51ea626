// The 1С peer's persistent state (objects, numbers, message counters, ЭДО records) and its seeded randomness.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const STATE_FILE = 'onec-peer-state.json';
export const EMPTY_DATE = '0001-01-01T00:00:00';
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** OData entity sets the peer serves; the ED type each one receives through the folder, if any. */
export const ENTITY_SETS = {
  Catalog_Контрагенты: 'Справочник.Контрагенты',
  Catalog_ДоговорыКонтрагентов: 'Справочник.Договоры',
  Document_СчетНаОплатуПокупателю: 'Документ.СчетПокупателю',
  Document_РеализацияТоваровУслуг: 'Документ.РеализацияТоваровУслуг',
  Document_СчетФактураВыданный: 'Документ.СчетФактураВыданный',
} as const;
export type EntitySet = keyof typeof ENTITY_SETS;
export const DOCUMENT_SETS: readonly EntitySet[] = [
  'Document_СчетНаОплатуПокупателю',
  'Document_РеализацияТоваровУслуг',
  'Document_СчетФактураВыданный',
];

export function setOfEdType(type: string): EntitySet | undefined {
  return (Object.keys(ENTITY_SETS) as EntitySet[]).find((k) => ENTITY_SETS[k] === type);
}

/** One object as 1С keeps it: the OData fields (Ref_Key, Number, Date, …) plus where it came from. */
export interface PeerEntity {
  set: EntitySet;
  fields: Record<string, unknown>;
  /** Hash of the last received ED content, to tell a re-sent object from a changed one. */
  hash?: string;
  /** A document's organization as received (КлючевыеСвойства/Организация), repeated in the reply like 1С does. */
  org?: { name: string; inn: string; kpp: string };
}

/** The outgoing ЭДО document 1С makes for an accounting document, and its state register row. */
export interface EdoRecord {
  edoRef: string;
  objectRef: string;
  objectSet: EntitySet;
  startedAt: number;
  /** Index of the next script step not applied yet. */
  step: number;
  sentAt: string;
  signedAt: string;
  regulation: string;
  state: string;
  stateChangedAt: string;
  reason: string;
  /** Steps for this document; absent → the peer's default script. */
  script?: EdoStep[];
}

export interface EdoStep {
  /** Milliseconds after the ЭДО document was created. */
  afterMs: number;
  state: string;
  /** Sets ДатаОтправки to the step's time. */
  send?: boolean;
  /** Sets ДатаПодписания to the step's time. */
  sign?: boolean;
  reason?: string;
}

/** A reply the peer wrote, kept so faults can write it again or out of order. */
export interface WrittenReply {
  messageNo: number;
  xml: string;
}

export interface CoreState {
  entities: Record<string, PeerEntity>;
  edo: Record<string, EdoRecord>;
  /** Last number per document prefix family (one counter per entity set). */
  counters: Record<string, number>;
  /** Last MessageNo the peer wrote. */
  sentNo: number;
  /** Last MessageNo of ours the peer received and applied. */
  receivedNo: number;
  /** Highest ReceivedNo our side sent (what of the peer's messages we acknowledged). */
  ackedByThem: number;
  /** Documents to report back, each with the MessageNo that first carried it (0 = not sent yet). */
  unacked: Record<string, number>;
  /** The ReceivedNo the peer last wrote (acks can be held back). */
  reportedReceivedNo: number;
  needWrite: boolean;
  /** EnterpriseData version of our last message (or chosen from our handshake); replies use it. */
  formatVersion?: string;
  /** The types our handshake declared as received; the peer sends only these (others count as delivered). */
  ourReceiving?: string[];
  lastWriteAt: number;
  replies: WrittenReply[];
  /** Incoming messages applied, newest last (for the log and the gap restart). */
  log: string[];
  rngState: number;
}

export interface PersistedState extends CoreState {
  version: 1;
  /** State as it was before each of the last received messages (newest last), for the restart with a gap. */
  snapshots: CoreState[];
}

export function emptyState(seed: number): PersistedState {
  return {
    version: 1,
    entities: {},
    edo: {},
    counters: {},
    sentNo: 0,
    receivedNo: 0,
    ackedByThem: 0,
    unacked: {},
    reportedReceivedNo: 0,
    needWrite: false,
    lastWriteAt: 0,
    replies: [],
    log: [],
    rngState: seed >>> 0 || 1,
    snapshots: [],
  };
}

export function coreOf(s: PersistedState): CoreState {
  const { snapshots: _s, version: _v, ...core } = s;
  return structuredClone(core);
}

export function loadState(dir: string | undefined, seed: number): PersistedState {
  if (!dir) return emptyState(seed);
  const file = join(dir, STATE_FILE);
  if (!existsSync(file)) return emptyState(seed);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
  if (parsed.version !== 1) throw new Error(`unknown peer state version in ${file}`);
  return { ...emptyState(seed), ...parsed };
}

export function saveState(dir: string | undefined, s: PersistedState): void {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, STATE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(s));
  renameSync(`${file}.tmp`, file);
}

/** mulberry32: a small seeded generator; its state lives in the persisted state so a restart continues the stream. */
export function nextRandom(s: CoreState): number {
  let t = (s.rngState = (s.rngState + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function randomGuid(s: CoreState): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(nextRandom(s) * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 1С-style local date-time without zone: `2026-12-05T09:30:00`. */
export function onecDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Hands out the next document number of an entity set: prefix + 6 digits, e.g. `БП-000123`. */
export function nextNumber(s: CoreState, set: EntitySet, prefix: string, start: number): string {
  const n = (s.counters[set] ?? start - 1) + 1;
  s.counters[set] = n;
  return `${prefix}${String(n).padStart(6, '0')}`;
}
