// What a file format gives the import mechanism: detection, parsing on a worker, and applying records in the file's transaction.
import type { Db } from '../../db/connection';
import type { PushEventName, PushEvents } from '../../../src-shared/events';
import type { TaskRef } from '../../workers/registry';
import type { ImportProblem } from '../../../src-shared/imports';
import type { Role } from '../../../src-shared/roles';

export type { ImportProblem };

/** What a parser returns for a file it could read as a whole: typed records, and records it refused with why. */
export interface ParsedFile<R> {
  records: R[];
  /** Per-record problems found while parsing (the record is not in `records`); `record` is its 1-based position. */
  problems: ImportProblem[];
}

/**
 * A parse task's answer. `ok: false` refuses the whole file for what it contains: `malformed` (broken or truncated XML,
 * not a spreadsheet), or a format's own status (`too_old` for a format-1 USR file) — nothing of it lands.
 */
export type ParseOutcome<R> = { ok: true; parsed: ParsedFile<R> } | { ok: false; status: string; detail?: string };

/** The input of every format's parse task. */
export interface ParseInput {
  bytes: Uint8Array;
  name: string;
}

/** What `apply` may use; it runs inside the one transaction of its file. */
export interface ApplyContext {
  db: Db;
  /** UTC ISO instant of the import. */
  now: string;
  /** Today in the РИЦ's time zone, YYYY-MM-DD. */
  today: string;
  /** Who imports (the uploader, the folder's employee); null for the system. */
  employeeId: number | null;
  /** The stored file the records come from (import_files.id). */
  fileId: number;
  batchId: number;
  /** The batch's options (e.g. { questionTasks: true }). */
  options: Readonly<Record<string, unknown>>;
  /** Push events, sent after the file's transaction commits. */
  emit<K extends PushEventName>(event: K, data: PushEvents[K]): void;
}

export interface ApplyResult {
  /**
   * The file's status when a format names it itself (a USR file is one record: `stored`, or `unknown_kit` when a kit it
   * names is not in the base); `applied` when absent.
   */
  status?: string;
  /** Records written. */
  added: number;
  /** Records already there (a re-import, an overlapping file): nothing changed. */
  skipped: number;
  /** Records kept with a problem (an unknown kit listed for linking). */
  flagged: number;
  /** Per-record problems: skipped or flagged records with their reason. */
  problems: ImportProblem[];
}

interface FormatBase {
  /** Unique, `feature.what`: `chat.sessions`, `usr.file`. */
  kind: string;
  /**
   * A cheap look at the file's first bytes (at most HEAD_BYTES) and its name: whether this format claims it. Runs on the
   * main thread, so it must be bounded work (a regular expression over the head, no parsing).
   */
  detect(head: Buffer, name: string): boolean;
  /**
   * Whether the format reads ZIP files itself (an XLSX is a ZIP): such a format's `detect` is asked before a ZIP is
   * opened as an archive; a ZIP no such format claims is opened as before.
   */
  claimsZip?: boolean;
  /** The worker task that parses the whole file (size and time limits are the task's). */
  parse: TaskRef<ParseInput, ParseOutcome<unknown>>;
}

/** Applied as it comes: chat exports, question exports, USR files. */
export interface DirectFormat<R = unknown> extends FormatBase {
  mode: 'direct';
  apply(parsed: ParsedFile<R>, ctx: ApplyContext): ApplyResult;
}

/** Parsed, shown to a person for review (column mapping, matches), applied only on confirmation. */
export interface StagedFormat<R = unknown, D = unknown> extends FormatBase {
  mode: 'staged';
  /**
   * Who may review and apply it, when narrower than the importers (a certified list writes certificates: not a chat
   * operator's work). Anyone may still upload the file; it waits for someone allowed.
   */
  access?: readonly Role[];
  /** Applies the reviewed records with the person's decisions; all or nothing (throwing rolls the file back). */
  applyStaged(parsed: ParsedFile<R>, decisions: D, ctx: ApplyContext): ApplyResult;
  /**
   * The stage's parsed content the format still holds from its review (a stage's content never changes), so the apply
   * does not parse the stored JSON again; `jsonLength` (of the stored JSON) guards against a stale entry. Optional.
   */
  stagedParsed?(db: Db, stageId: number, fileId: number, jsonLength: number): ParsedFile<R> | undefined;
}

export type ImportFormat = DirectFormat | StagedFormat;

/** How much of a file `detect` sees. */
export const HEAD_BYTES = 4096;
