// One exchange round of a 1С connection under its lease: the folder transport when it sends that way, then OData; health recorded.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { EdReadResult } from './enterprise-data/model';
import { acquireOnecLease, loadConnection, recordRound } from './connections.repo';
import { folderRound, LeaseLost, type FolderRoundResult } from './folder.round';
import { odataRound, type ODataRoundResult } from './odata.round';

/** How long a lease lasts without renewal: longer than any round, renewed every round. */
export const ONEC_LEASE_MS = 120_000;

export interface OnecRoundDeps {
  db: Db;
  owner: string;
  now: () => Date;
  parse: (bytes: Uint8Array) => Promise<EdReadResult>;
  log?: (msg: string) => void;
  batch?: number;
  concurrency?: number;
}

export type OnecRoundResult =
  | { ran: false; why: 'gone' | 'disabled' | 'leased' }
  | { ran: true; folder: FolderRoundResult | null; odata: ODataRoundResult | null; error: string | null };

export async function runOnecRound(deps: OnecRoundDeps, connectionId: number): Promise<OnecRoundResult> {
  const { db } = deps;
  const conn = loadConnection(db, connectionId);
  if (!conn) return { ran: false, why: 'gone' };
  if (!conn.enabled) return { ran: false, why: 'disabled' };
  if (!acquireOnecLease(db, connectionId, deps.owner, deps.now().getTime(), ONEC_LEASE_MS)) return { ran: false, why: 'leased' };
  // Documents queued before the connection existed.
  stmt(db, 'UPDATE edo_documents SET connection_id = ? WHERE connection_id IS NULL').run(connectionId);
  const env = { ...deps, conn };
  let folder: FolderRoundResult | null = null;
  let odata: ODataRoundResult | null = null;
  let error: string | null = null;
  try {
    if (conn.sendVia === 'folder') folder = await folderRound(env);
    if (conn.odataUrl) odata = await odataRound(env);
  } catch (e) {
    if (e instanceof LeaseLost) return { ran: false, why: 'leased' };
    error = (e as Error).message || String(e);
    deps.log?.(`1С connection ${connectionId}: ${error}`);
  }
  recordRound(db, connectionId, deps.now().toISOString(), error ?? (folder?.refused ? `incoming: ${folder.refused}` : null));
  return { ran: true, folder, odata, error };
}
