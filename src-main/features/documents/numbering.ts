// Number series per document type and year: the next free number, or a number chosen by hand if it is free.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { badField } from '../../api/errors';
import { formatDocNumber, type DocumentType } from '../../../src-shared/doc-types';

export interface TakenNumber {
  year: number;
  seq: number;
  number: string;
}

function lastSeq(db: Db, type: DocumentType, year: number): number {
  const r = stmt(db, 'SELECT last_seq AS n FROM document_series WHERE type = ? AND year = ?').get(type, year) as { n: number } | undefined;
  return r?.n ?? 0;
}

const seqTaken = (db: Db, type: DocumentType, year: number, seq: number) =>
  !!stmt(db, 'SELECT 1 FROM documents WHERE type = ? AND series_year = ? AND seq = ?').get(type, year, seq);

/** What `takeNumber` would give now (for the form's preview). */
export function peekNumber(db: Db, type: DocumentType, date: string): TakenNumber {
  const year = Number(date.slice(0, 4));
  let seq = lastSeq(db, type, year) + 1;
  while (seqTaken(db, type, year, seq)) seq++;
  return { year, seq, number: formatDocNumber(type, year, seq) };
}

/**
 * Gives the document its number inside the caller's write transaction, so two saves never share one.
 * A hand-picked number must be free; the series then continues after the highest number given.
 */
export function takeNumber(db: Db, type: DocumentType, date: string, manualSeq?: number): TakenNumber {
  const year = Number(date.slice(0, 4));
  let seq: number;
  if (manualSeq != null) {
    if (seqTaken(db, type, year, manualSeq)) throw badField('seq', 'duplicate');
    seq = manualSeq;
  } else {
    seq = peekNumber(db, type, date).seq;
  }
  stmt(
    db,
    `INSERT INTO document_series (type, year, last_seq) VALUES (?, ?, ?)
     ON CONFLICT(type, year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  ).run(type, year, seq);
  return { year, seq, number: formatDocNumber(type, year, seq) };
}
