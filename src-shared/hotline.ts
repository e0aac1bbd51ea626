// Types of hotline.txt (the list of distributions with Онлайн-диалог on, for the КЦ): its state, warnings and download.

/** Kits of one system that hotline.txt leaves out, and why: the catalogue has no number for the system, or no such system. */
export interface HotlineWarning {
  problem: 'system_without_number' | 'unknown_system_code';
  systemCode: string;
  count: number;
  /** The first few kits in the base's spelling (`SKJP_000123_02`). */
  kits: string[];
}

/** What the last check found and what the last write did; kept as a setting. */
export interface HotlineState {
  /** The last time today's set was computed (at start, after a change, at a day start, on demand). */
  checkedAt: string | null;
  /** The date (РИЦ time zone) the last check was for. */
  checkedFor: string | null;
  /** Codes in the file as last computed. */
  count: number;
  warnings: HotlineWarning[];
  /** The last successful write: when, where, the content's SHA-256, what changed against the file it replaced. */
  lastWrittenAt: string | null;
  writtenPath: string | null;
  hash: string | null;
  added: string[];
  removed: string[];
  addedCount: number;
  removedCount: number;
  /** The last write that failed (folder gone, no permission); cleared by the next good one. */
  error: { reason: string; message: string; at: string } | null;
}

export interface HotlineStatus {
  /** The folder on the server host the file is written to; null = not written (the screen says so). */
  folder: string | null;
  state: HotlineState;
}

export const HOTLINE_FILE_NAME = 'hotline.txt';
