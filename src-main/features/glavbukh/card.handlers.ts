// Handlers of the Главбух tab of the client card: the history, adding or editing a certificate by hand, revoking one.
import type { HandlerMap } from '../../api/handler';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { assertClientVisible } from '../usr/card.handlers';
import { loadGbCard } from './card';
import { recordCertificate } from './certs';
import { programmeByCode } from './settings';
import type { GbStatus } from '../../../src-shared/glavbukh';

export const glavbukhCardHandlers: HandlerMap<'glavbukh.card' | 'glavbukh.certificates.save' | 'glavbukh.certificates.revoke'> = {
  'glavbukh.card': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    return loadGbCard(ctx.db, input.clientId, ctx.today());
  },

  'glavbukh.certificates.save': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    if (!programmeByCode(ctx.db, input.programme)) throw badField('programme', 'unknown');
    if (input.status !== 'requested' && !input.number) throw badField('number', 'required');
    if (input.status === 'certified' && !input.validUntil) throw badField('validUntil', 'required');
    if (input.issuedOn && input.validUntil && input.validUntil < input.issuedOn) throw badField('validUntil', 'before_issued');
    if (input.contactId != null) {
      const c = stmt(ctx.db, 'SELECT client_id AS c FROM contacts WHERE id = ?').get(input.contactId) as { c: number } | undefined;
      if (!c || c.c !== input.clientId) throw badField('contactId', 'not_of_client');
    }
    let before: Record<string, unknown> | undefined;
    if (input.id != null) {
      before = stmt(
        ctx.db,
        'SELECT client_id AS clientId, programme, number, issued_on AS issuedOn, valid_until AS validUntil, status, contact_id AS contactId FROM gb_certificates WHERE id = ?',
      ).get(input.id) as Record<string, unknown> | undefined;
      if (!before || before.clientId !== input.clientId) throw notFound('certificate');
      if (before.status === 'revoked') throw new AppError('CONFLICT', 'certificate revoked', [{ path: 'id', reason: 'revoked' }]);
      if (before.programme !== input.programme) throw badField('programme', 'changed');
    }
    const r = recordCertificate(
      { db: ctx.db, now: ctx.nowIso(), employeeId: ctx.me.id },
      {
        id: input.id,
        clientId: input.clientId,
        contactId: input.contactId ?? null,
        programme: input.programme,
        number: input.number,
        issuedOn: input.issuedOn ?? null,
        validUntil: input.validUntil ?? null,
        status: input.status as GbStatus,
        source: 'manual',
        note: input.note,
      },
    );
    if (r.outcome !== 'same') ctx.audit('gb_certificate', r.id, input.id != null ? 'update' : r.outcome === 'added' ? 'create' : 'update', { before: before ?? null, after: input });
    return r;
  },

  'glavbukh.certificates.revoke': (input, ctx) => {
    const row = stmt(
      ctx.db,
      'SELECT client_id AS clientId, programme, number, issued_on AS issuedOn, valid_until AS validUntil, status, contact_id AS contactId FROM gb_certificates WHERE id = ?',
    ).get(input.id) as { clientId: number; programme: string; number: string | null; issuedOn: string | null; validUntil: string | null; status: GbStatus; contactId: number | null } | undefined;
    if (!row) throw notFound('certificate');
    assertClientVisible(ctx.db, row.clientId);
    if (row.status === 'revoked') return { ok: true };
    recordCertificate(
      { db: ctx.db, now: ctx.nowIso(), employeeId: ctx.me.id },
      { ...row, id: input.id, status: 'revoked', source: 'manual', note: input.reason },
    );
    ctx.audit('gb_certificate', input.id, 'revoke', { reason: input.reason, was: row.status });
    return { ok: true };
  },
};
