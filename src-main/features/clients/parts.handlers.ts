// Handlers for the parts of a card: contacts, distributions with schemes, events, readiness confirmations.
import type { HandlerMap } from '../../api/handler';
import { touchNssFrom } from '../nss/aggregate';
import { DATE_MIN } from '../../../src-shared/api/common';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import { replaceEmails, replacePhones } from './channels';
import { reindexClient } from './search-index';
import { addClientEvent } from './events';
import { attachQuestions } from '../chat/questions.attach';
import { getClientRow, touchClient } from './clients.handlers';
import { loadEvents } from './clients.card';
import { scopeOf } from '../tasks/tasks.repo';
import { refreshReadiness } from './readiness';
import { setChatFrom } from '../chat/chat-on';

/** The system must come from the catalogue; an inactive one stays on the kits that have it but is not given to others. */
function checkSystem(ctx: Ctx, code: string, distributionId: number | undefined): void {
  const s = stmt(ctx.db, 'SELECT active FROM kplus_systems WHERE code = ?').get(code) as { active: number } | undefined;
  if (!s) throw badField('systemCode', 'unknown_system');
  if (s.active) return;
  const current = distributionId != null ? (stmt(ctx.db, 'SELECT system_code AS c FROM distributions WHERE id = ?').get(distributionId) as { c: string } | undefined) : undefined;
  if (current?.c !== code) throw badField('systemCode', 'inactive_system');
}

/** A chat-on change with its trace: the timeline event and the audit row; false when the history already said so. */
function switchChat(ctx: Ctx, id: number, clientId: number, code: string, enabled: boolean, effectiveFrom: string): boolean {
  const r = setChatFrom(ctx, id, enabled, effectiveFrom);
  if (!r.changed) return false;
  addClientEvent(ctx, clientId, 'chat_changed', { code, enabled, effectiveFrom });
  ctx.audit('distribution', id, 'set_chat', { enabled, effectiveFrom, previous: r.previous });
  return true;
}

export const partsHandlers: HandlerMap<
  'contacts.save' | 'contacts.setActive' | 'distributions.save' | 'distributions.setScheme' | 'distributions.setChat' | 'events.list' | 'events.add' | 'readiness.confirm'
> = {
  'contacts.save': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const sql = ctx.db;
    let id = input.id;
    if (id != null) {
      const owner = stmt(sql, 'SELECT client_id AS c FROM contacts WHERE id = ?').get(id) as { c: number } | undefined;
      if (!owner) throw notFound('contact');
      if (owner.c !== input.clientId) throw badField('clientId', 'mismatch');
      stmt(sql, 'UPDATE contacts SET full_name = ?, position = ?, note = ? WHERE id = ?').run(input.fullName, input.position, input.note, id);
      stmt(sql, 'DELETE FROM contact_roles WHERE contact_id = ?').run(id);
      stmt(sql, 'DELETE FROM contact_characteristics WHERE contact_id = ?').run(id);
    } else {
      id = Number(
        stmt(sql, 'INSERT INTO contacts (client_id, full_name, position, note, active, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(
          input.clientId,
          input.fullName,
          input.position,
          input.note,
          ctx.nowIso(),
        ).lastInsertRowid,
      );
    }
    for (const role of new Set(input.roles)) stmt(sql, 'INSERT INTO contact_roles (contact_id, role) VALUES (?, ?)').run(id, role);
    const seen = new Set<number>();
    for (const [i, c] of input.characteristics.entries()) {
      if (seen.has(c.characteristicId)) continue;
      seen.add(c.characteristicId);
      if (!stmt(sql, 'SELECT 1 FROM characteristics WHERE id = ?').get(c.characteristicId)) throw badField(`characteristics.${i}.characteristicId`, 'not_found');
      stmt(sql, 'INSERT INTO contact_characteristics (contact_id, characteristic_id, comment) VALUES (?, ?, ?)').run(id, c.characteristicId, c.comment);
    }
    replacePhones(sql, input.clientId, id, input.phones);
    replaceEmails(sql, input.clientId, id, input.emails);
    reindexClient(sql, input.clientId);
    ctx.audit('contact', id, input.id ? 'update' : 'create', input);
    touchClient(ctx, input.clientId);
    return { id };
  },

  'contacts.setActive': (input, ctx) => {
    const row = stmt(ctx.db, 'SELECT client_id AS c, full_name AS n FROM contacts WHERE id = ?').get(input.id) as { c: number; n: string } | undefined;
    if (!row) throw notFound('contact');
    stmt(ctx.db, 'UPDATE contacts SET active = ? WHERE id = ?').run(input.active ? 1 : 0, input.id);
    ctx.audit('contact', input.id, input.active ? 'restore' : 'archive');
    addClientEvent(ctx, row.c, input.active ? 'contact_restored' : 'contact_archived', { contact: row.n });
    touchClient(ctx, row.c);
    return { ok: true };
  },

  'distributions.save': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const sql = ctx.db;
    const code = formatDistr({ system: input.systemCode, number: input.distrNumber, comp: input.comp });
    checkSystem(ctx, input.systemCode, input.id);
    const clash = stmt(sql, 'SELECT id, client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(
      input.systemCode,
      input.distrNumber,
      input.comp,
    ) as { id: number; c: number } | undefined;
    if (clash && clash.id !== input.id) {
      throw new AppError('CONFLICT', `distribution ${code} belongs to client ${clash.c}`, [{ path: 'distrNumber', reason: 'duplicate' }]);
    }
    let id = input.id;
    if (id != null) {
      const owner = stmt(sql, 'SELECT client_id AS c FROM distributions WHERE id = ?').get(id) as { c: number } | undefined;
      if (!owner) throw notFound('distribution');
      if (owner.c !== input.clientId) throw badField('clientId', 'mismatch');
      // distributions.chat_enabled is no longer read or written: the chat state is the distribution_chat history.
      stmt(sql, 'UPDATE distributions SET system_code = ?, distr_number = ?, comp = ?, network_type = ?, state = ?, address = ? WHERE id = ?').run(
        input.systemCode,
        input.distrNumber,
        input.comp,
        input.networkType,
        input.state,
        input.address,
        id,
      );
      if (input.chatEnabled !== undefined) switchChat(ctx, id, input.clientId, code, input.chatEnabled, ctx.today());
      ctx.audit('distribution', id, 'update', input);
      // The kit's code or number may have changed: hotline.txt names it.
      ctx.emit('hotline.dirty', {});
    } else {
      id = Number(
        stmt(
          sql,
          'INSERT INTO distributions (client_id, system_code, distr_number, comp, network_type, state, address, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(input.clientId, input.systemCode, input.distrNumber, input.comp, input.networkType, input.state, input.address, ctx.nowIso())
          .lastInsertRowid,
      );
      const from = input.schemeFrom ?? ctx.today();
      stmt(sql, 'INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
        id,
        input.scheme,
        from,
        ctx.me.id,
        ctx.nowIso(),
      );
      addClientEvent(ctx, input.clientId, 'distribution_added', { code, scheme: input.scheme, effectiveFrom: from });
      if (input.chatEnabled) switchChat(ctx, id, input.clientId, code, true, input.chatFrom ?? ctx.today());
      ctx.audit('distribution', id, 'create', input);
    }
    // Imported «Задать вопрос» questions of this kit, kept while it was no client's, now join the client.
    attachQuestions(sql, id);
    // A new kit (its scheme) or questions joining the client change its НСС months.
    touchNssFrom(sql, input.clientId, DATE_MIN, ctx.today());
    touchClient(ctx, input.clientId);
    return { id };
  },

  'distributions.setScheme': (input, ctx) => {
    const d = stmt(ctx.db, 'SELECT client_id AS c, system_code AS s, distr_number AS n, comp FROM distributions WHERE id = ?').get(input.id) as
      | { c: number; s: string; n: number; comp: number }
      | undefined;
    if (!d) throw notFound('distribution');
    const prev = stmt(ctx.db, 'SELECT scheme FROM distribution_schemes WHERE distribution_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1').get(
      input.id,
      input.effectiveFrom,
    ) as { scheme: string } | undefined;
    stmt(
      ctx.db,
      `INSERT INTO distribution_schemes (distribution_id, scheme, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(distribution_id, effective_from) DO UPDATE SET scheme = excluded.scheme, created_by = excluded.created_by, created_at = excluded.created_at`,
    ).run(input.id, input.scheme, input.effectiveFrom, ctx.me.id, ctx.nowIso());
    addClientEvent(ctx, d.c, 'scheme_changed', {
      code: formatDistr({ system: d.s, number: d.n, comp: d.comp }),
      from: prev?.scheme ?? null,
      to: input.scheme,
      effectiveFrom: input.effectiveFrom,
    });
    ctx.audit('distribution', input.id, 'set_scheme', { scheme: input.scheme, effectiveFrom: input.effectiveFrom, previous: prev?.scheme ?? null });
    touchNssFrom(ctx.db, d.c, input.effectiveFrom, ctx.today());
    touchClient(ctx, d.c);
    return { ok: true };
  },

  'distributions.setChat': (input, ctx) => {
    const d = stmt(ctx.db, 'SELECT client_id AS c, system_code AS s, distr_number AS n, comp FROM distributions WHERE id = ?').get(input.id) as
      | { c: number; s: string; n: number; comp: number }
      | undefined;
    if (!d) throw notFound('distribution');
    const code = formatDistr({ system: d.s, number: d.n, comp: d.comp });
    const changed = switchChat(ctx, input.id, d.c, code, input.enabled, input.effectiveFrom ?? ctx.today());
    if (changed) touchClient(ctx, d.c);
    return { ok: true, changed };
  },

  'events.list': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    return loadEvents(ctx.db, input.clientId, input.limit, scopeOf(ctx.me));
  },

  'events.add': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const id = addClientEvent(ctx, input.clientId, 'manual', null, input.text);
    touchClient(ctx, input.clientId);
    return { id };
  },

  'readiness.confirm': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    if (!stmt(ctx.db, 'SELECT 1 FROM readiness_fields WHERE code = ?').get(input.fieldCode)) throw badField('fieldCode', 'not_found');
    const confirmedAt = input.confirmedAt ?? ctx.today();
    if (confirmedAt > ctx.today()) throw badField('confirmedAt', 'future');
    const changed = stmt(
      ctx.db,
      `INSERT INTO client_readiness_values (client_id, field_code, value, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(client_id, field_code) DO UPDATE SET value = excluded.value, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by
       WHERE excluded.confirmed_at >= client_readiness_values.confirmed_at`,
    ).run(input.clientId, input.fieldCode, input.value, confirmedAt, ctx.me.id);
    // An older confirmation never replaces a newer one (a late entry of an old call, a second window).
    if (changed.changes === 0) throw badField('confirmedAt', 'older_than_current');
    ctx.audit('readiness', input.clientId, 'confirm', { field: input.fieldCode, value: input.value, confirmedAt });
    refreshReadiness(ctx, input.clientId);
    touchClient(ctx, input.clientId);
    return { ok: true };
  },
};
