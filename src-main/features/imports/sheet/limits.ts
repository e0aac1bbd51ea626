// Limits of reading a spreadsheet from outside, and the error that refuses one with a status the journal shows.

export interface SheetLimits {
  /** The file itself. */
  maxFileBytes: number;
  /** Entries of an XLSX archive. */
  maxEntries: number;
  /** One archive entry, declared and inflated. */
  maxEntryBytes: number;
  /** All entries read, inflated. */
  maxTotalBytes: number;
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  maxRows: number;
  maxColumns: number;
  /** Characters of one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
  /**
   * Characters of all cells read together: a small file can name one long shared string in every cell, and what the
   * reader hands on (to the main thread, into the stage) must stay bounded whatever the file's own size.
   */
  maxOutputChars: number;
}

export const SHEET_LIMITS: SheetLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 400 * 1024 * 1024,
  maxSharedStrings: 2_000_000,
  maxSharedChars: 64 * 1024 * 1024,
  maxRows: 300_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  maxOutputChars: 64 * 1024 * 1024,
};

/**
 * Why a spreadsheet is refused: `malformed` (broken or truncated), `too_large` (a limit), `xls_unsupported` (the old
 * binary Excel format), `not_spreadsheet` (neither XLSX nor CSV), `empty` (no header row).
 */
export type SheetStatus = 'malformed' | 'too_large' | 'xls_unsupported' | 'not_spreadsheet' | 'empty';

export class SheetError extends Error {
  constructor(
    readonly status: SheetStatus,
    detail?: string,
  ) {
    super(detail ?? status);
    this.name = 'SheetError';
  }
}

/** What a reader gives: the first non-empty row as headers, the non-empty rows after it (cells as text, '' for none). */
export interface Sheet {
  headers: string[];
  rows: string[][];
}
