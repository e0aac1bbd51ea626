// Worker task `nss.reportPage`: the НСС report's page and totals, computed on the pool thread through a read-only connection of its own (a year over a large РИЦ takes seconds: never on the event loop).
import { openDb } from '../../db/connection';
import type { NssSettings } from '../../../src-shared/nss';
import { nssReport, type NssReportQuery, type NssReportResult } from './report.query';
import { readableQuery } from './periods';

export interface NssPageInput {
  dbFile: string;
  today: string;
  query: NssReportQuery;
  settings: NssSettings;
}

export function run(input: NssPageInput): NssReportResult {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    // One read transaction: the totals and the page see one state.
    return db.$client.transaction(() => nssReport(db, readableQuery(db, input.query), input.settings, input.today))();
  } finally {
    db.$client.close();
  }
}
