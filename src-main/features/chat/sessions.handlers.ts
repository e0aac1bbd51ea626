// Handlers of imported chat sessions: the list and one dialog (scoped by role), kits linked to no client, the operator mapping.
import type { HandlerMap } from '../../api/handler';
import { touchNssFrom } from '../nss/aggregate';
import { DATE_MIN } from '../../../src-shared/api/common';
import type { Ctx } from '../../api/context';
import { ricTimeZone } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { MANAGERS } from '../../../src-shared/roles';
import { distributionSaveInput } from '../../../src-shared/api/clients';
import { formatDistr } from '../../../src-shared/distr';
import { getClientRow, touchClient } from '../clients/clients.handlers';
import { partsHandlers } from '../clients/parts.handlers';
import { addClientEvent } from '../clients/events';
import { loadCatalog } from '../systems/systems.repo';
import { getSession, listOperators, listSessions, listUnknownKits } from './sessions.repo';
import { ContactMatcher } from './sessions.match';
import { kitText } from './sessions.apply';

const isManager = (ctx: Ctx) => ctx.me.roles.some((r) => MANAGERS.includes(r));

/** The UTC instant a day starts in a time zone (`2026-11-02` in Moscow → `2026-11-01T21:00:00.000Z`). */
export function dayStartUtc(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const wall = (t: number) => {
    const p = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(t);
    const g = (k: string) => Number(p.find((x) => x.type === k)?.value);
    return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second'));
  };
  let t = guess - (wall(guess) - guess);
  // Once more, for a day whose offset differs from the guess's (a DST change at midnight).
  t = guess - (wall(t) - t);
  return new Date(t).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The distribution-creation path of the card, so a kit linked here gets its scheme, event and audit like any other. */
const saveDistribution = partsHandlers['distributions.save'] as (input: ReturnType<typeof distributionSaveInput.parse>, ctx: Ctx) => { id: number };

export const chatSessionsHandlers: HandlerMap<
  'chat.sessions.list' | 'chat.sessions.get' | 'chat.sessions.unknownKits' | 'chat.sessions.link' | 'chat.operators.list' | 'chat.operators.set'
> = {
  'chat.sessions.list': (input, ctx) => {
    const tz = ricTimeZone(ctx.db);
    const manager = isManager(ctx);
    // A non-manager sees their own sessions, or all sessions of a client (as the card's timeline shows them).
    const ownerId = !manager && input.clientId == null ? ctx.me.id : undefined;
    return listSessions(
      ctx.db,
      {
        fromAt: input.from ? dayStartUtc(input.from, tz) : undefined,
        toAt: input.to ? dayStartUtc(nextDay(input.to), tz) : undefined,
        employeeId: input.employeeId,
        personal: input.personal,
        clientId: input.clientId,
        unlinked: input.unlinked,
        ownerId,
      },
      input.offset,
      input.limit,
    );
  },

  'chat.sessions.get': (input, ctx) => {
    const s = getSession(ctx.db, input.id);
    if (!s) throw notFound('chat_session');
    if (!isManager(ctx) && s.employeeId !== ctx.me.id && s.clientId == null) throw new AppError('FORBIDDEN', 'not your session');
    return s;
  },

  'chat.sessions.unknownKits': (input, ctx) => listUnknownKits(ctx.db, input.limit),

  'chat.sessions.link': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const db = ctx.db;
    const sessions = stmt(db, 'SELECT id, fio, email, phone, flags FROM chat_sessions WHERE system_number = ? AND distr_number = ? AND comp = ?').all(
      input.systemNumber,
      input.distrNumber,
      input.comp,
    ) as { id: number; fio: string | null; email: string | null; phone: string | null; flags: string }[];
    if (sessions.length === 0) throw notFound('chat_kit');
    const system = loadCatalog(db).byNumber(input.systemNumber);
    let distributionId: number | null = null;
    if (system) {
      const d = stmt(db, 'SELECT id, client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(system.code, input.distrNumber, input.comp) as
        | { id: number; c: number }
        | undefined;
      if (d && d.c !== input.clientId) {
        const other = stmt(db, 'SELECT name FROM clients WHERE id = ?').get(d.c) as { name: string };
        throw new AppError('CONFLICT', 'kit belongs to another client', [{ path: 'clientId', reason: 'distribution_of_other_client', ref: { id: d.c, name: other.name } }]);
      }
      distributionId = d
        ? d.id
        : saveDistribution(distributionSaveInput.parse({ clientId: input.clientId, systemCode: system.code, distrNumber: input.distrNumber, comp: input.comp }), ctx).id;
    }
    const contacts = new ContactMatcher(db);
    const upd = stmt(db, 'UPDATE chat_sessions SET client_id = ?, distribution_id = ?, contact_id = ?, flags = ? WHERE id = ?');
    for (const s of sessions) {
      // A number the catalogue has learnt since the import is no longer a problem of these sessions.
      const flags = system ? (JSON.parse(s.flags) as string[]).filter((f) => f !== 'unknown_system_number') : (JSON.parse(s.flags) as string[]);
      upd.run(input.clientId, distributionId, contacts.match(input.clientId, s), JSON.stringify(flags), s.id);
    }
    const kit = system ? formatDistr({ system: system.code, number: input.distrNumber, comp: input.comp }) : kitText(input.systemNumber, input.distrNumber, input.comp);
    touchNssFrom(db, input.clientId, DATE_MIN, ctx.today());
    addClientEvent(ctx, input.clientId, 'chat_kit_linked', { kit, sessions: sessions.length });
    ctx.audit('chat_kit', null, 'link', { ...input, distributionId, sessions: sessions.length });
    touchClient(ctx, input.clientId);
    return { linked: sessions.length, distributionId };
  },

  'chat.operators.list': (_input, ctx) => listOperators(ctx.db),

  'chat.operators.set': (input, ctx) => {
    if (input.employeeId != null && !stmt(ctx.db, 'SELECT 1 FROM employees WHERE id = ?').get(input.employeeId)) throw badField('employeeId', 'not_found');
    stmt(ctx.db, 'INSERT INTO chat_operators (personal, employee_id) VALUES (?, ?) ON CONFLICT (personal) DO UPDATE SET employee_id = excluded.employee_id').run(
      input.personal,
      input.employeeId,
    );
    const updated = stmt(ctx.db, 'UPDATE chat_sessions SET employee_id = ? WHERE personal = ? AND employee_id IS NOT ?').run(input.employeeId, input.personal, input.employeeId).changes;
    // Reviews and samples follow the corrected mapping: the report credits, and the review is shown to, the real operator.
    if (input.employeeId != null) {
      stmt(ctx.db, 'UPDATE quality_reviews SET employee_id = ? WHERE session_id IN (SELECT id FROM chat_sessions WHERE personal = ?)').run(input.employeeId, input.personal);
      stmt(ctx.db, 'UPDATE quality_samples SET employee_id = ? WHERE session_id IN (SELECT id FROM chat_sessions WHERE personal = ?)').run(input.employeeId, input.personal);
    } else {
      stmt(ctx.db, 'DELETE FROM quality_samples WHERE session_id IN (SELECT id FROM chat_sessions WHERE personal = ?) AND session_id NOT IN (SELECT session_id FROM quality_reviews)').run(input.personal);
    }
    ctx.audit('chat_operator', input.employeeId, 'map', { personal: input.personal, employeeId: input.employeeId, sessions: updated });
    return { updated };
  },
};
