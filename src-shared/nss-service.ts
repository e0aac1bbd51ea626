// Shared types of НСС seminars on the client card, cycle proposals and the cycle timeline events.
import type { NssSeminarFormat } from './nss';

/** A seminar registration as the client card shows it. */
export interface NssClientSeminar {
  personId: number;
  seminarId: number;
  title: string;
  startsAt: string;
  onDate: string;
  format: NssSeminarFormat;
  fio: string;
  contactId: number | null;
  attended: boolean;
}

/** A proposal of a cycle from a specification: nothing is written until `nss.cycles.save`. */
export interface NssCycleProposal {
  specificationId: number;
  specificationNumber: string;
  specificationDate: string;
  startsOn: string;
  endsOn: string;
  /** The specification's kits that are НСС on its date. */
  distributions: { id: number; kit: string }[];
  /** The specification's kits that are not НСС on its date (shown, not proposed). */
  skipped: { id: number; kit: string }[];
}

/** Timeline events (client_events.kind) of НСС cycles. */
export const NSS_CYCLE_EVENT_KINDS = ['nss_cycle_created', 'nss_cycle_renewed', 'nss_cycle_lapsed'] as const;
export type NssCycleEventKind = (typeof NSS_CYCLE_EVENT_KINDS)[number];
