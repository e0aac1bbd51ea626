// Shared types of imported chat sessions (Онлайн-диалог): list rows, the dialog, operator mapping and kits not yet linked.

/** One session as the list shows it. */
export interface ChatSessionRow {
  id: number;
  /** UTC ISO instants. */
  startAt: string;
  finishAt: string | null;
  durationSec: number | null;
  systemNumber: number;
  distrNumber: number;
  comp: number;
  /** The base's system code when the catalogue knows the number, else null (the kit is then shown in number form). */
  systemCode: string | null;
  clientId: number | null;
  clientName: string | null;
  contactId: number | null;
  contactName: string | null;
  fio: string | null;
  email: string | null;
  phone: string | null;
  personal: string | null;
  employeeId: number | null;
  employeeName: string | null;
  /** Problem codes the session was kept with (unknown_system_number). */
  flags: string[];
}

/** One session with its dialog. */
export interface ChatSessionFull extends ChatSessionRow {
  firstDate: string | null;
  profile: string | null;
  lgn: string | null;
  links: string | null;
  text: string | null;
  clientRating: string | null;
  distributionId: number | null;
  importedAt: string;
}

/** An operator name of the export and the employee it is mapped to (null: still to map). */
export interface ChatOperatorRow {
  personal: string;
  employeeId: number | null;
  employeeName: string | null;
  sessions: number;
  lastAt: string | null;
}

/** A kit whose sessions are linked to no client yet. */
export interface UnknownKitRow {
  systemNumber: number;
  distrNumber: number;
  comp: number;
  systemCode: string | null;
  sessions: number;
  firstAt: string;
  lastAt: string;
  /** A distribution of this kit that exists in the base now (added after the import): linking to its client is one click. */
  existingClientId: number | null;
  existingClientName: string | null;
}
