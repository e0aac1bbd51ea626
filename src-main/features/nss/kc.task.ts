// Worker task `nss.kcPreview`: the month's КЦ report built on a pool thread through a read-only connection of its own, one page handed back.
import { openDb } from '../../db/connection';
import type { NssKcPreview } from '../../../src-shared/nss';
import { buildNssKc, previewOf } from './kc.build';

export interface NssKcPreviewInput {
  dbFile: string;
  month: string;
  bigChangePct: number;
  offset: number;
  limit: number;
}

export function run(input: NssKcPreviewInput): NssKcPreview {
  const db = openDb(input.dbFile, { readonly: true });
  try {
    return previewOf(db.$client.transaction(() => buildNssKc(db, input.month, input.bigChangePct))(), input.month, input.offset, input.limit);
  } finally {
    db.$client.close();
  }
}
