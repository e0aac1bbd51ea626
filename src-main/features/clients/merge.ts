// Merging two clients: a preview of what moves, then one transaction that moves it all and leaves a tombstone for the merged id.
import type { Ctx } from '../../api/context';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError, badField, notFound } from '../../api/errors';
import type { MergeMove, MergePreview, MergeResult, MergeSide } from '../../../src-shared/dedupe';
import { CLIENT_RULES, CONTACT_RULES, namesakes, type Dropped, type RefRule } from './merge.rules';
import { referencesTo, type ForeignRef } from './merge.refs';
import { addClientEvent } from './events';
import { dropClientIndex, reindexClient } from './search-index';
import { refreshReadiness } from './readiness';
import { touchNssFrom } from '../nss/aggregate';
import { DATE_MIN } from '../../../src-shared/api/common';
import { settleDuplicateFlags } from './duplicates';

interface ClientRow {
  id: number;
  name: string;
  short_name: string | null;
  inn: string | null;
  kpp: string | null;
  legal_address: string | null;
  actual_address: string | null;
  region: string | null;
  city: string | null;
  status: MergeSide['status'];
  sio_id: number | null;
  pm_id: number | null;
  is_key: number;
  key_responsible_id: number | null;
  comment: string | null;
  version: number;
}

function row(db: Db, id: number): ClientRow {
  const r = stmt(db, 'SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
  if (!r) throw notFound('client');
  return r;
}

const side = (r: ClientRow): MergeSide => ({ id: r.id, name: r.name, inn: r.inn, kpp: r.kpp, city: r.city, status: r.status, version: r.version });

const refKey = (r: ForeignRef) => `${r.table}.${r.column}`;

/** References in the schema that no rule handles; the merge refuses to run while there is one. */
export function unhandledReferences(db: Db): string[] {
  return [
    ...referencesTo(db, 'clients').map(refKey).filter((k) => !(k in CLIENT_RULES)),
    ...referencesTo(db, 'contacts').map(refKey).filter((k) => !(k in CONTACT_RULES)),
  ];
}

/** The rules for the references the schema has, in the rules' order (contacts first). */
function rulesInUse(db: Db): [string, RefRule][] {
  const missing = unhandledReferences(db);
  // A table added without a merge rule: refusing is better than cascading its rows away with the merged client.
  if (missing.length) throw new AppError('INTERNAL', `merge: no rule for ${missing.join(', ')}`);
  const present = new Set(referencesTo(db, 'clients').map(refKey));
  return Object.entries(CLIENT_RULES).filter(([k]) => present.has(k));
}

/** Client fields: the survivor's value stands; an empty one takes the merged client's. */
function fillPlan(s: ClientRow, m: ClientRow): { set: Partial<ClientRow>; filled: string[] } {
  const set: Partial<ClientRow> = {};
  const filled: string[] = [];
  const take = <K extends keyof ClientRow>(k: K, field: string) => {
    if (s[k] == null && m[k] != null) {
      set[k] = m[k];
      filled.push(field);
    }
  };
  take('short_name', 'shortName');
  if (s.inn == null && m.inn != null) {
    set.inn = m.inn;
    set.kpp = m.kpp;
    filled.push('inn');
  }
  take('legal_address', 'legalAddress');
  take('actual_address', 'actualAddress');
  take('region', 'region');
  take('city', 'city');
  take('sio_id', 'sioId');
  take('pm_id', 'pmId');
  if (m.comment && s.comment !== m.comment) {
    // Notes are never dropped: the merged client's is added below the survivor's.
    set.comment = s.comment ? `${s.comment}\n${m.comment}` : m.comment;
    filled.push('comment');
  }
  // A prospect merged with a client already served takes its status; otherwise the survivor's stays.
  if (s.status === 'prospect' && m.status !== 'prospect') {
    set.status = m.status;
    filled.push('status');
  }
  if (!s.is_key && m.is_key) {
    set.is_key = 1;
    set.key_responsible_id = m.key_responsible_id;
    filled.push('isKey');
  }
  return { set, filled };
}

function moves(db: Db, rules: [string, RefRule][], from: number, to: number): MergeMove[] {
  return rules.map(([ref, rule]) => ({ ref, ...rule.count(db, from, to) })).filter((m) => m.count > 0);
}

/** A client merged into itself would be deleted: refused as bad input (the handler's check, so the contract stays plain). */
function distinct(survivorId: number, mergedId: number): void {
  if (survivorId === mergedId) throw badField('mergedId', 'same_client');
}

export function previewMerge(db: Db, survivorId: number, mergedId: number): MergePreview {
  distinct(survivorId, mergedId);
  const s = row(db, survivorId);
  const m = row(db, mergedId);
  return {
    survivor: side(s),
    merged: side(m),
    moves: moves(db, rulesInUse(db), mergedId, survivorId),
    sameContacts: namesakes(db, mergedId, survivorId).map((n) => n.fullName),
    filled: fillPlan(s, m).filled,
  };
}

const COLUMN: Record<string, string> = {
  short_name: 'short_name',
  inn: 'inn',
  kpp: 'kpp',
  legal_address: 'legal_address',
  actual_address: 'actual_address',
  region: 'region',
  city: 'city',
  sio_id: 'sio_id',
  pm_id: 'pm_id',
  comment: 'comment',
  status: 'status',
  is_key: 'is_key',
  key_responsible_id: 'key_responsible_id',
};

/** Merges `mergedId` into `survivorId` inside the caller's transaction. */
export function mergeClients(ctx: Ctx, input: { survivorId: number; mergedId: number; survivorVersion: number; mergedVersion: number }): MergeResult {
  const db = ctx.db;
  distinct(input.survivorId, input.mergedId);
  const s = row(db, input.survivorId);
  const m = row(db, input.mergedId);
  // The head confirmed a preview of these versions; anything edited since is shown again rather than merged blind.
  if (s.version !== input.survivorVersion || m.version !== input.mergedVersion) throw new AppError('CONFLICT', 'stale version');
  const rules = rulesInUse(db);
  const plan = fillPlan(s, m);
  const summary = moves(db, rules, m.id, s.id);

  // Written on the merged client's own timeline first, so it travels with the history it closes.
  addClientEvent(ctx, m.id, 'merged_into', { intoId: s.id, intoName: s.name, fromName: m.name });
  const dropped: Dropped = {};
  for (const [, rule] of rules) rule.apply(ctx, m.id, s.id, dropped);
  for (const ref of referencesTo(db, 'clients')) {
    const left = (stmt(db, `SELECT COUNT(*) AS n FROM "${ref.table}" WHERE "${ref.column}" = ?`).get(m.id) as { n: number }).n;
    if (left > 0) throw new AppError('INTERNAL', `merge: ${left} rows of ${refKey(ref)} still refer to client ${m.id}`);
  }

  dropClientIndex(db, m.id);
  stmt(db, 'DELETE FROM clients WHERE id = ?').run(m.id);
  stmt(db, 'INSERT INTO client_tombstones (id, survivor_id, name, inn, kpp, merged_at, merged_by, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    m.id,
    s.id,
    m.name,
    m.inn,
    m.kpp,
    ctx.nowIso(),
    ctx.user?.id ?? null,
    JSON.stringify({ client: m, moves: summary, dropped, filled: plan.filled }),
  );

  const entries = Object.entries(plan.set);
  if (entries.length) {
    // Taking over an ИНН/КПП: out of the unique index first, then the group settles who holds its entry.
    const takesInn = 'inn' in plan.set;
    stmt(db, `UPDATE clients SET ${entries.map(([k]) => `${COLUMN[k]} = ?`).join(', ')}${takesInn ? ', duplicate_pending = 1' : ''} WHERE id = ?`).run(
      ...entries.map(([, v]) => v),
      s.id,
    );
  }
  const after = row(db, s.id);
  settleDuplicateFlags(db, after.inn, after.kpp);
  settleDuplicateFlags(db, m.inn, m.kpp);

  addClientEvent(ctx, s.id, 'client_merged', { fromId: m.id, fromName: m.name, fromInn: m.inn, moves: Object.fromEntries(summary.map((x) => [x.ref, x.count])) });
  refreshReadiness(ctx, s.id);
  // The merged client's НСС months went with the rule; the survivor's are recomputed from every source it now has.
  touchNssFrom(db, s.id, DATE_MIN, ctx.today());
  reindexClient(db, s.id);
  ctx.audit('client', s.id, 'merge', { mergedId: m.id, moves: summary, filled: plan.filled, dropped });
  ctx.audit('client', m.id, 'merged_into', { survivorId: s.id });
  stmt(db, 'UPDATE clients SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.nowIso(), s.id);
  ctx.emit('client.changed', { clientId: s.id, by: ctx.user?.id ?? null });
  ctx.emit('client.changed', { clientId: m.id, by: ctx.user?.id ?? null });
  return { survivorId: s.id, moves: summary, filled: plan.filled };
}

/** Where a merged client's id leads now: the survivor (following merges of merges), or null for an id never merged. */
export function tombstoneOf(db: Db, id: number): { survivorId: number; survivorName: string } | null {
  const r = stmt(db, 'SELECT t.survivor_id AS survivorId, c.name AS survivorName FROM client_tombstones t JOIN clients c ON c.id = t.survivor_id WHERE t.id = ?').get(id) as
    | { survivorId: number; survivorName: string }
    | undefined;
  return r ?? null;
}
