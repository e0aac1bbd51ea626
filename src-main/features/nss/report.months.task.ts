// Worker task `nss.reportMonths`: the НСС report's chart by month, read on the pool thread through a read-only connection (a year reads every monthly row of the period).
import { openDb } from '../../db/connection';
import type { NssMonthPoint } from '../../../src-shared/nss';
import { nssReportMonths, type NssReportQuery } from './report.query';

export interface NssMonthsInput {
  dbFile: string;
  query: Pick<NssReportQuery, 'fromMonth' | 'toMonth' | 'sioId' | 'pmId' | 'ownerId'>;
}

export function run(input: NssMonthsInput): NssMonthPoint[] {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    return nssReportMonths(db, input.query);
  } finally {
    db.$client.close();
  }
}
