// Handlers for client search, the card, and edits of the client itself (details, key flag, counterparty).
import { readGbSettings } from '../glavbukh/settings';
import { eq } from 'drizzle-orm';
import type { HandlerMap } from '../../api/handler';
import { AppError, badField, notFound } from '../../api/errors';
import { diff, type Ctx } from '../../api/context';
import { clients, clientCounterparties, counterparties } from '../../db/schema';
import { stmt } from '../../db/stmt';
import { searchClients } from './clients.search';
import { counterpartyOn, loadCard } from './clients.card';
import { scopeOf } from '../tasks/tasks.repo';
import { replaceEmails, replacePhones } from './channels';
import { reindexClient } from './search-index';
import { sortKey } from '../../../src-shared/search-text';
import { addClientEvent } from './events';
import { tombstoneOf } from './merge';
import { assertNotDuplicate, kppKey, sameInn, settleDuplicateFlags } from './duplicates';

type ClientRow = typeof clients.$inferSelect;

export function getClientRow(ctx: Ctx, id: number): ClientRow {
  const row = ctx.db.select().from(clients).where(eq(clients.id, id)).get();
  if (!row) throw notFound('client');
  return row;
}

/** Marks the client changed: bumps its version and tells open screens after commit. */
export function touchClient(ctx: Ctx, clientId: number): number {
  const r = stmt(ctx.db, 'UPDATE clients SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version').get(ctx.nowIso(), clientId) as
    | { version: number }
    | undefined;
  if (!r) throw notFound('client');
  ctx.emit('client.changed', { clientId, by: ctx.user?.id ?? null });
  return r.version;
}

function checkEmployee(ctx: Ctx, path: string, id: number | null | undefined): void {
  if (id == null) return;
  const row = stmt(ctx.db, 'SELECT active FROM employees WHERE id = ?').get(id) as { active: number } | undefined;
  if (!row || !row.active) throw badField(path, 'employee');
}

export const clientsHandlers: HandlerMap<
  'clients.search' | 'clients.get' | 'clients.create' | 'clients.update' | 'clients.setKey' | 'clients.changeCounterparty' | 'clients.counterpartyOn'
> = {
  // The Главбух «истекает» limit rides along: the list words its badges and the filter's default N with it.
  'clients.search': (input, ctx) => ({ ...searchClients(ctx.db, input.query, input.limit, input.filters, ctx.today()), gbExpiringDays: readGbSettings(ctx.db).expiringDays }),

  'clients.get': (input, ctx) => {
    const moved = tombstoneOf(ctx.db, input.id);
    // An old link to a merged client: NOT_FOUND that names the survivor, so the screen can go there.
    if (moved) throw new AppError('NOT_FOUND', 'client merged', [{ path: 'id', reason: 'merged', ref: { id: moved.survivorId, name: moved.survivorName } }]);
    return loadCard(ctx.db, input.id, ctx.today(), scopeOf(ctx.me));
  },

  'clients.create': (input, ctx) => {
    checkEmployee(ctx, 'sioId', input.sioId);
    checkEmployee(ctx, 'pmId', input.pmId);
    const branches = assertNotDuplicate(ctx.db, input.inn, input.kpp);
    const now = ctx.nowIso();
    const { phones, emails, ...fields } = input;
    const row = ctx.db
      .insert(clients)
      .values({ ...fields, sioId: fields.sioId ?? null, pmId: fields.pmId ?? null, nameLc: sortKey(fields.name), createdAt: now, updatedAt: now })
      .returning({ id: clients.id })
      .get();
    replacePhones(ctx.db, row.id, null, phones);
    replaceEmails(ctx.db, row.id, null, emails);
    reindexClient(ctx.db, row.id);
    addClientEvent(ctx, row.id, 'created', null);
    ctx.audit('client', row.id, 'create', input);
    ctx.emit('client.changed', { clientId: row.id, by: ctx.user?.id ?? null });
    return { id: row.id, branches };
  },

  'clients.update': (input, ctx) => {
    const before = getClientRow(ctx, input.id);
    if (before.version !== input.version) throw new AppError('CONFLICT', 'stale version');
    const { id, version: _v, phones, emails, ...patch } = input;
    checkEmployee(ctx, 'sioId', patch.sioId);
    checkEmployee(ctx, 'pmId', patch.pmId);
    const changes: Record<string, unknown> = diff(before, patch);
    const inn = patch.inn !== undefined ? patch.inn : before.inn;
    const kpp = patch.kpp !== undefined ? patch.kpp : before.kpp;
    // Only a changed ИНН/КПП is checked: a duplicate the migration found stays editable (phones, notes) until merged.
    const keyChanged = inn !== before.inn || (inn != null && kppKey(inn, kpp) !== kppKey(inn, before.kpp));
    const branches = keyChanged ? assertNotDuplicate(ctx.db, inn, kpp, id) : sameInn(ctx.db, inn, kpp, id).branches;
    if (Object.keys(patch).length > 0) {
      ctx.db
        .update(clients)
        .set({ ...patch, ...(patch.name ? { nameLc: sortKey(patch.name) } : {}), ...(keyChanged ? { duplicatePending: false } : {}) })
        .where(eq(clients.id, id))
        .run();
    }
    // Leaving a group may leave it without the client that held its index entry.
    if (keyChanged) settleDuplicateFlags(ctx.db, before.inn, before.kpp);
    if (phones) {
      replacePhones(ctx.db, id, null, phones);
      changes.phones = phones.map((p) => p.raw);
    }
    if (emails) {
      replaceEmails(ctx.db, id, null, emails);
      changes.emails = emails.map((e) => e.email);
    }
    reindexClient(ctx.db, id);
    ctx.audit('client', id, 'update', changes);
    return { version: touchClient(ctx, id), branches };
  },

  'clients.setKey': (input, ctx) => {
    const before = getClientRow(ctx, input.id);
    checkEmployee(ctx, 'responsibleId', input.responsibleId);
    const responsibleId = input.isKey ? input.responsibleId! : null;
    if (before.isKey === input.isKey && before.keyResponsibleId === responsibleId) return { version: before.version };
    ctx.db.update(clients).set({ isKey: input.isKey, keyResponsibleId: responsibleId }).where(eq(clients.id, input.id)).run();
    const name = responsibleId
      ? (stmt(ctx.db, 'SELECT full_name AS n FROM employees WHERE id = ?').get(responsibleId) as { n: string }).n
      : null;
    addClientEvent(ctx, input.id, input.isKey ? (before.isKey ? 'key_responsible_changed' : 'key_set') : 'key_unset', { responsible: name });
    ctx.audit('client', input.id, 'set_key', diff(before, { isKey: input.isKey, keyResponsibleId: responsibleId }));
    return { version: touchClient(ctx, input.id) };
  },

  'clients.changeCounterparty': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const previous = counterpartyOn(ctx.db, input.clientId, input.effectiveFrom);
    let counterpartyId = input.counterpartyId;
    if (counterpartyId != null) {
      if (!stmt(ctx.db, 'SELECT 1 FROM counterparties WHERE id = ?').get(counterpartyId)) throw badField('counterpartyId', 'not_found');
    } else {
      counterpartyId = ctx.db
        .insert(counterparties)
        .values({ ...input.counterparty!, createdAt: ctx.nowIso() })
        .returning({ id: counterparties.id })
        .get().id;
      ctx.audit('counterparty', counterpartyId, 'create', input.counterparty);
    }
    if (stmt(ctx.db, 'SELECT 1 FROM client_counterparties WHERE client_id = ? AND effective_from = ?').get(input.clientId, input.effectiveFrom)) {
      throw new AppError('CONFLICT', 'a counterparty already starts on this date', [{ path: 'effectiveFrom', reason: 'date_taken' }]);
    }
    const link = ctx.db
      .insert(clientCounterparties)
      .values({
        clientId: input.clientId,
        counterpartyId,
        effectiveFrom: input.effectiveFrom,
        basis: input.basis,
        createdBy: ctx.me.id,
        createdAt: ctx.nowIso(),
      })
      .returning({ id: clientCounterparties.id })
      .get();
    const next = stmt(ctx.db, 'SELECT full_name AS n, inn FROM counterparties WHERE id = ?').get(counterpartyId) as { n: string; inn: string };
    addClientEvent(ctx, input.clientId, 'counterparty_changed', {
      from: previous ? previous.fullName : null,
      to: next.n,
      inn: next.inn,
      effectiveFrom: input.effectiveFrom,
      basis: input.basis,
    });
    ctx.audit('client', input.clientId, 'change_counterparty', { counterpartyId, effectiveFrom: input.effectiveFrom, previous: previous?.id ?? null });
    touchClient(ctx, input.clientId);
    return { linkId: link.id, counterpartyId };
  },

  'clients.counterpartyOn': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    return counterpartyOn(ctx.db, input.clientId, input.date);
  },
};
