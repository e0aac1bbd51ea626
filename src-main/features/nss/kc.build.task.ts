// Worker task `nss.kcBuild`: the month's КЦ report built whole on a pool thread through a read-only connection of its own, for the save (rows and comparison handed back as JSON text).
import { openDb } from '../../db/connection';
import { buildNssKc, builtForSave, type NssKcBuilt } from './kc.build';

export interface NssKcBuildInput {
  dbFile: string;
  month: string;
  bigChangePct: number;
}

export function run(input: NssKcBuildInput): NssKcBuilt {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    // One read transaction: the rows, the check's totals and the previous report seen in one state.
    return builtForSave(db.$client.transaction(() => buildNssKc(db, input.month, input.bigChangePct))());
  } finally {
    db.$client.close();
  }
}
