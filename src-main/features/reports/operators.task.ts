// Worker task `reports.operatorsExport`: «Операторы чата» as XLSX, its rows read on the pool thread through a read-only connection of its own.
import { openDb } from '../../db/connection';
import { ricTimeZone } from '../../api/context';
import { operatorParams, operatorReport, type OperatorPeriod } from './operators.query';
import { operatorsWorkbook } from './operators.xlsx';

export interface OperatorsExportInput {
  dbFile: string;
  period: OperatorPeriod;
  today: string;
}

export interface OperatorsExportOutput {
  bytes: Uint8Array;
}

export function run(input: OperatorsExportInput): OperatorsExportOutput {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    const report = operatorReport(db, input.period, ricTimeZone(db));
    return { bytes: operatorsWorkbook(report.rows, operatorParams(input.period, report, input.today)) };
  } finally {
    db.$client.close();
  }
}
