// Test helpers for certified lists: spreadsheets built in the test (the `xlsx` package only writes), clients seeded, lists run through the mechanism.
import { Readable } from 'node:stream';
import * as XLSX from 'xlsx';
import { zipSync, strToU8 } from 'fflate';
import type { TestEnv } from '../helpers/core';
import type { Db } from '../../src-main/db/connection';
import { createBatch, runBatch } from '../../src-main/features/imports/process';
import { storeStream } from '../../src-main/features/imports/store';
import { batchDetail } from '../../src-main/features/imports/journal';

/** An XLSX of rows (the first is the header) written by SheetJS. */
export function xlsxOf(rows: (string | number | Date | boolean)[][]): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Лист1');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/** An XLSX zipped by hand from the parts given (for crafted files); the usual parts are added unless replaced. */
export function handXlsx(parts: Record<string, string | Uint8Array>): Uint8Array {
  const base: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ...parts,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(base)) files[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files);
}

export function csvOf(rows: string[][], delim = ';'): string {
  return rows.map((r) => r.map((c) => (/[";,\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delim)).join('\r\n') + '\r\n';
}

export function addClient(db: Db, name: string, inn: string | null, kpp: string | null = null, distr?: number): number {
  const now = '2026-01-01T00:00:00Z';
  const id = Number(db.$client.prepare('INSERT INTO clients (name, name_lc, inn, kpp, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(name, name.toLowerCase(), inn, kpp, now, now).lastInsertRowid);
  if (distr != null) db.$client.prepare("INSERT INTO distributions (client_id, system_code, distr_number, created_at) VALUES (?, 'SYS', ?, ?)").run(id, distr, now);
  return id;
}

export const certsOf = (db: Db) =>
  db.$client.prepare('SELECT client_id AS clientId, programme, number, issued_on AS issuedOn, valid_until AS validUntil, status, source FROM gb_certificates ORDER BY id').all() as {
    clientId: number;
    programme: string;
    number: string;
    issuedOn: string | null;
    validUntil: string | null;
    status: string;
    source: string;
  }[];

/** Stores the file, runs one batch and returns its result (with the stage, when staged). */
export async function importList(env: TestEnv, name: string, bytes: Uint8Array | string, options: Record<string, unknown> = {}) {
  const core = env.core;
  const now = () => core.clock.now().toISOString();
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const s = await storeStream(core.db, Readable.from([buf]), name, now);
  const batchId = createBatch(core.db, { source: 'upload', createdBy: 1, files: [{ fileId: s.fileId, name }], options }, now());
  await runBatch({ db: core.db, pool: core.pool, clock: core.clock, publish: core.bus.publish, log: () => undefined }, batchId);
  const r = batchDetail(core.db, batchId)!.results[0]!;
  return { status: r.status, kind: r.kind, stageId: r.stageId, problems: r.problems };
}
