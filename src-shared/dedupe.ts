// Types of duplicate control: clients sharing an ИНН (a duplicate or a branch) and the merge of two clients.
import type { ClientStatus } from './api/common';

/** Another client with the same ИНН: `duplicate` when the КПП is the same too (or the ИНН has 12 digits), else a branch. */
export interface SameInnClient {
  id: number;
  name: string;
  kpp: string | null;
  duplicate: boolean;
}

/** What a client's ИНН/КПП shares with others. */
export interface SameInn {
  /** The client a save would collide with, when there is one. */
  duplicate: SameInnClient | null;
  /** Same ИНН, another КПП: allowed, shown as a notice. */
  branches: SameInnClient[];
}

export interface MergeSide {
  id: number;
  name: string;
  inn: string | null;
  kpp: string | null;
  city: string | null;
  status: ClientStatus;
  version: number;
}

/** Rows of one table that refer to the merged client and will refer to the survivor. */
export interface MergeMove {
  /** `table.column` of the reference, e.g. `contacts.client_id`; the screen words it. */
  ref: string;
  count: number;
  /** Rows that meet a row of the survivor and are resolved as the rule says (kept newer, joined, dropped as a repeat). */
  collisions: number;
}

export interface MergePreview {
  survivor: MergeSide;
  merged: MergeSide;
  moves: MergeMove[];
  /** Contacts of the merged client that have a namesake at the survivor and are joined with it. */
  sameContacts: string[];
  /** Fields empty at the survivor that take the merged client's value. */
  filled: string[];
}

export interface MergeResult {
  survivorId: number;
  moves: MergeMove[];
  filled: string[];
}
