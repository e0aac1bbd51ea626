// Output types of the contract: what the renderer receives.
import type { Role } from './roles';
import type { ClientStatus, ContactRole, Scheme } from './api/common';
import type { SameInnClient } from './dedupe';
import type { KplusSystem } from './systems';
import type { GbBadge } from './glavbukh';

export interface SessionUser {
  id: number;
  login: string;
  fullName: string;
  roles: Role[];
}

export interface EmployeeRef {
  id: number;
  fullName: string;
}

export type SchemeSummary = 'nss' | 'standard' | 'mixed' | null;

export interface ClientListItem {
  id: number;
  name: string;
  inn: string | null;
  city: string | null;
  status: ClientStatus;
  isKey: boolean;
  phone: string | null;
  sioName: string | null;
  schemes: SchemeSummary;
  /** Codes of the readiness stages the client is ready for today. */
  ready: string[];
  /** Главбух: the current certificate per programme (empty: none). */
  gb: GbBadge[];
  /** Why the client is in a search result (null without a query). */
  matched: SearchMatch | null;
}

/** Why a client matched a search: the renderer words it («Контакт: …», «Телефон: …»). */
export type SearchMatch =
  | { kind: 'name' }
  | { kind: 'contact'; name: string; position: string | null; active: boolean }
  | { kind: 'phone'; phone: string; contact: string | null }
  | { kind: 'inn'; inn: string }
  | { kind: 'distr'; code: string }
  | { kind: 'email'; email: string }
  | { kind: 'city'; city: string };

export interface PhoneRow {
  id: number;
  raw: string;
  formatted: string;
  note: string | null;
}
export interface EmailRow {
  id: number;
  email: string;
  note: string | null;
}

export interface CounterpartyRow {
  id: number;
  fullName: string;
  shortName: string | null;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  legalAddress: string | null;
  bankName: string | null;
  bik: string | null;
  corrAccount: string | null;
  account: string | null;
  directorName: string | null;
  directorPosition: string | null;
  signerName: string | null;
  signerBasis: string | null;
}

export interface CounterpartyLink {
  id: number;
  effectiveFrom: string;
  /** Last day of this link, null while it is the latest one. */
  effectiveTo: string | null;
  basis: string | null;
  createdAt: string;
  createdBy: string | null;
  counterparty: CounterpartyRow;
}

export interface ContactCharacteristic {
  characteristicId: number;
  groupId: number;
  groupName: string;
  name: string;
  comment: string | null;
}

export interface ContactRow {
  id: number;
  fullName: string;
  position: string | null;
  note: string | null;
  active: boolean;
  roles: ContactRole[];
  phones: PhoneRow[];
  emails: EmailRow[];
  characteristics: ContactCharacteristic[];
}

export interface SchemePeriod {
  scheme: Scheme;
  effectiveFrom: string;
  createdBy: string | null;
}

/** «Chat on» from a date: one row of a distribution's chat history. */
export interface ChatPeriod {
  enabled: boolean;
  effectiveFrom: string;
  /** When it was entered and by whom (null: migrated or entered by a job). */
  setAt: string;
  setBy: string | null;
}

export interface DistributionRow {
  id: number;
  code: string;
  systemCode: string;
  /** The system's name from the catalogue; null while it has none. */
  systemName: string | null;
  distrNumber: number;
  comp: number;
  networkType: string;
  state: string;
  /** Онлайн-диалог on today, from the history (the latest change on or before today). */
  chatEnabled: boolean;
  /** The date today's state took effect; null when the history is empty (off). */
  chatSince: string | null;
  /** A change planned after today, if any. */
  chatNext: ChatPeriod | null;
  /** Newest first. */
  chatHistory: ChatPeriod[];
  address: string | null;
  scheme: Scheme | null;
  schemeHistory: SchemePeriod[];
}

export interface ClientEventRow {
  id: number;
  at: string;
  kind: string;
  /** Free text of manual events; automatic ones carry `data` and the renderer words them. */
  text: string;
  data: Record<string, unknown> | null;
  author: string | null;
}

export interface ReadinessFieldState {
  code: string;
  name: string;
  value: string | null;
  confirmedAt: string | null;
  fresh: boolean;
}

export interface ReadinessStageState {
  id: number;
  code: string;
  name: string;
  freshnessDays: number;
  ready: boolean;
  readyUntil: string | null;
  fields: ReadinessFieldState[];
}

export interface ClientDetails {
  id: number;
  version: number;
  name: string;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  legalAddress: string | null;
  actualAddress: string | null;
  region: string | null;
  city: string | null;
  status: ClientStatus;
  comment: string | null;
  sio: EmployeeRef | null;
  pm: EmployeeRef | null;
  isKey: boolean;
  keyResponsible: EmployeeRef | null;
  createdAt: string;
  updatedAt: string;
  phones: PhoneRow[];
  emails: EmailRow[];
}

export interface ClientCard {
  client: ClientDetails;
  contacts: ContactRow[];
  counterparty: CounterpartyRow | null;
  counterpartyHistory: CounterpartyLink[];
  distributions: DistributionRow[];
  schemes: SchemeSummary;
  events: ClientEventRow[];
  readiness: ReadinessStageState[];
  /** Other clients with this ИНН: duplicates (same КПП) to merge, branches (another КПП) to know about. */
  sameInn: SameInnClient[];
}

export interface EmployeeRow {
  id: number;
  login: string;
  fullName: string;
  roles: Role[];
  departmentId: number | null;
  directionIds: number[];
  email: string | null;
  phone: string | null;
  active: boolean;
}

export interface CharacteristicGroupRow {
  id: number;
  name: string;
  items: { id: number; name: string }[];
}

export interface ReadinessStageSetting {
  id: number;
  code: string;
  name: string;
  freshnessDays: number;
  fieldCodes: string[];
}

export interface Refs {
  employees: EmployeeRow[];
  departments: { id: number; name: string }[];
  directions: { id: number; code: string; name: string }[];
  characteristicGroups: CharacteristicGroupRow[];
  readinessFields: { code: string; name: string }[];
  readinessStages: ReadinessStageSetting[];
  /** The K+ systems catalogue, for names beside codes and the system selects. */
  systems: KplusSystem[];
}
