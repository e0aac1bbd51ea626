// Shared types of USR files (`cons.exe /usr` reports): the stored files list, one file's facts, kits waiting for a link.

/** stored: every kit of the file is in the base; unknown_kit: at least one is not (listed for a person to link). */
export const USR_FILE_STATUSES = ['stored', 'unknown_kit'] as const;
export type UsrFileStatus = (typeof USR_FILE_STATUSES)[number];

/** A kit as a file names it, with the base's distribution and client when known. */
export interface UsrKitRef {
  usrKitId: number;
  /** `SKJP_000123_02`. */
  kit: string;
  systemCode: string;
  distrNumber: number;
  comp: number;
  distributionId: number | null;
  clientId: number | null;
  clientName: string | null;
}

/** One stored file as the list shows it. */
export interface UsrFileRow {
  id: number;
  name: string;
  status: UsrFileStatus;
  /** Local wall time `YYYY-MM-DDTHH:MM:SS` (or a date) the installation wrote the file. */
  fileAt: string | null;
  newestUpdate: string | null;
  importedAt: string;
  kits: UsrKitRef[];
  /** Set when housekeeping removed the bytes (the facts stay). */
  purgedAt: string | null;
}

export interface UsrBankRow {
  code: string;
  name: string | null;
  kit: string | null;
  nTexts: number | null;
  lastUpdate: string | null;
  lastDocs: number | null;
  updateCount: number;
}

/** One file with everything it says. */
export interface UsrFileFull extends UsrFileRow {
  formatVersion: number;
  ric: number | null;
  resVersion: string | null;
  consExeVersion: string | null;
  kdVersion: string | null;
  complect: string | null;
  osName: string | null;
  osVersion: string | null;
  processor: string | null;
  ramMb: number | null;
  diskFreeMb: number | null;
  office: string | null;
  /** The file's `tech_info` as JSON (element → text, or `@attr`s and children). */
  tech: Record<string, unknown>;
  files: { name: string; date: string | null; time: string | null; kind: string | null }[];
  /** The kits with the file's own attributes of each. */
  kitDetails: (UsrKitRef & { element: string; netCount: number | null; userType: string | null; technolType: string | null })[];
  banks: UsrBankRow[];
  sha256: string;
  size: number;
}

/** A kit the base does not know yet, with how many stored files name it. */
export interface UsrUnknownKitRow {
  usrKitId: number;
  kit: string;
  systemCode: string;
  systemNumber: number | null;
  distrNumber: number;
  comp: number;
  /** Whether the catalogue of K+ systems has the code (a kit of an unknown system cannot be added to a client). */
  systemKnown: boolean;
  files: number;
  lastUpdate: string | null;
  lastFileAt: string | null;
}
