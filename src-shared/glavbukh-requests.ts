// Shared types of Главбух certification requests: the problems a check finds, the archive of requests, who may build them.
import type { Role } from './roles';

/**
 * Who builds, sees and downloads certification requests: those who sell and serve clients and the heads (the chat
 * operators and the callers do not send lists to the КЦ). Settings are saved by MANAGERS only.
 */
export const GB_REQUESTERS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm'];

/** The most clients one request may hold (a РИЦ's whole base of Главбух users is a few thousand). */
export const GB_REQUEST_MAX = 20_000;

export const GB_PROBLEM_CODES = [
  'name_missing',
  'inn_missing',
  'inn_malformed',
  'inn_checksum',
  'kpp_missing',
  'kpp_malformed',
  'contact_missing',
  'contact_no_name',
  'email_missing',
  'phone_missing',
  'distribution_missing',
  'already_certified',
  'request_open',
] as const;
export type GbProblemCode = (typeof GB_PROBLEM_CODES)[number];

/** The card tab (#/clients/<id>/<tab>) where a problem is fixed (the client's own name, ИНН and КПП are on «Общие»). */
export type GbFixTab = 'general' | 'contacts' | 'distributions';

export interface GbProblem {
  code: GbProblemCode;
  /** The field of the request row the problem is about. */
  field: 'name' | 'inn' | 'kpp' | 'contact' | 'email' | 'phone' | 'distribution' | 'certificate';
  /** Where to fix it: the client's card, on this tab (and the contact, when the problem is the contact's). */
  fix: { clientId: number; tab: GbFixTab; contactId?: number };
  /** For already_certified: the certificate's number and last valid day. */
  certificate?: { number: string | null; validUntil: string | null };
}

export interface GbClientProblems {
  clientId: number;
  name: string;
  problems: GbProblem[];
}

export interface GbCheckResult {
  programme: string;
  /** Clients in the request (after removing repeats). */
  total: number;
  /** Clients with at least one problem, every problem of each. */
  clients: GbClientProblems[];
  /** The ids checked, in order (a request «из фильтра списка» resolves its filter to these). */
  clientIds: number[];
}

export interface GbRequestSummary {
  id: number;
  programme: string;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
  clientCount: number;
  fileName: string;
  size: number;
  note: string | null;
}

export interface GbRequestDetail extends GbRequestSummary {
  selection: unknown;
  sha256: string;
  items: { clientId: number | null; name: string; inn: string; contactName: string }[];
}
