// Test helpers for the ЭДО exchange: a core with our requisites, ЭДО clients and acts, a 1С connection, rounds against the peer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestEnv } from '../helpers/core';
import { seedDocClient } from '../documents/fixtures';
import { saveConnection } from '../../src-main/features/edo/connections.repo';
import { runOnecRound, type OnecRoundResult } from '../../src-main/features/edo/round';
import { edParseTask } from '../../src-main/features/edo/enterprise-data/edo.workers';
import { enqueueDocument } from '../../src-main/features/edo/queue';
import type { OnecConnectionInput } from '../../src-shared/api/edo';
import { stmt } from '../../src-main/db/stmt';

export function tempDir(prefix = 'edo-x-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function addConnection(env: TestEnv, input: Partial<OnecConnectionInput> & Pick<OnecConnectionInput, 'sendVia'>): number {
  return saveConnection(env.core.db, { name: '1С:Бухгалтерия', ourCode: 'CRM', peerCode: 'BP', resendSec: 30, ...input }, env.clock.now().toISOString());
}

/** A client with a counterparty and `n` issued acts of 1,000.00 ₽ each, queued for 1С. */
export async function queuedActs(env: TestEnv, n: number, date = '2026-11-20'): Promise<number[]> {
  const c = await seedDocClient(env);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = await env.admin('documents.create', { type: 'act', clientId: c.clientId, date, lines: [{ name: `Сопровождение К+ ${i + 1}`, qty: 1, priceKop: 100_000 }] });
    ids.push(d.id);
    enqueueDocument(env.core.db, d.id, null, env.clock.now());
  }
  return ids;
}

export function round(env: TestEnv, connectionId: number, owner = 'test:1:a', extra: { batch?: number } = {}): Promise<OnecRoundResult> {
  return runOnecRound(
    { db: env.core.db, owner, now: () => env.clock.now(), parse: (bytes) => env.core.pool.run(edParseTask, { bytes }), ...extra },
    connectionId,
  );
}

export interface EdoStateRow {
  documentId: number;
  ref: string;
  state: string;
  onecNumber: string | null;
  ackedAt: string | null;
  messageNo: number | null;
  signedOn: string | null;
  reason: string | null;
  stateRaw: string | null;
  error: string | null;
}

export function edoRows(env: TestEnv): EdoStateRow[] {
  return stmt(
    env.core.db,
    `SELECT document_id AS documentId, ref, state, onec_number AS onecNumber, acked_at AS ackedAt, message_no AS messageNo, signed_on AS signedOn,
            reason, state_raw AS stateRaw, error FROM edo_documents ORDER BY document_id`,
  ).all() as EdoStateRow[];
}

export function docReturn(env: TestEnv, id: number): { returnedAt: string | null; returnedVia: string | null; version: number } {
  return stmt(env.core.db, 'SELECT returned_at AS returnedAt, returned_via AS returnedVia, version FROM documents WHERE id = ?').get(id) as {
    returnedAt: string | null;
    returnedVia: string | null;
    version: number;
  };
}

export function events(env: TestEnv, documentId: number): string[] {
  return (stmt(env.core.db, 'SELECT kind FROM edo_events WHERE document_id = ? ORDER BY id').all(documentId) as { kind: string }[]).map((r) => r.kind);
}
