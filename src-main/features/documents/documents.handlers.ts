// Handlers for documents (create, edit, read, list, return marks, what a client owes) and document settings.
import type { HandlerMap } from '../../api/handler';
import { notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { OurRequisites } from '../../../src-shared/doc-types';
import { createDocument, markReturned, unmarkReturned, updateDocument } from './documents.save';
import type { Ctx } from '../../api/context';
import { documentRow, listDocuments, loadDocumentCard, owedSummary } from './documents.repo';
import { peekNumber } from './numbering';
import { enqueueIfEdoClient } from '../edo/queue';
import { ourRequisites, returnPeriods, saveOurRequisites, saveReturnPeriods, saveTemplate, templates } from './settings.repo';

/** An issued invoice, act or УПД of a client whose documents go through ЭДО is queued for 1С; a queued one that changed is sent again. */
function edoAfterSave(ctx: Ctx, documentId: number): void {
  const queued = !!stmt(ctx.db, 'SELECT 1 FROM edo_documents WHERE document_id = ?').get(documentId);
  if (!queued) enqueueIfEdoClient(ctx.db, documentId, ctx.me.id, ctx.clock.now());
  if (stmt(ctx.db, 'SELECT 1 FROM edo_documents WHERE document_id = ?').get(documentId)) {
    ctx.emit('edo.wake', { connectionId: null, reload: false });
    ctx.emit('edo.changed', { documentIds: [documentId] });
  }
}

/** Screens showing the client (its documents tab, the «owes back» badge) reload on another workstation too. */
function clientChanged<T>(ctx: Ctx, clientId: number, result: T): T {
  ctx.emit('client.changed', { clientId, by: ctx.user?.id ?? null });
  return result;
}

export const documentsHandlers: HandlerMap<
  | 'documents.create'
  | 'documents.update'
  | 'documents.get'
  | 'documents.list'
  | 'documents.nextNumber'
  | 'documents.markReturned'
  | 'documents.unmarkReturned'
  | 'documents.owedSummary'
  | 'settings.returnPeriods.get'
  | 'settings.returnPeriods.save'
  | 'settings.templates.get'
  | 'settings.templates.save'
  | 'settings.ourRequisites.get'
  | 'settings.ourRequisites.save'
> = {
  'documents.create': (input, ctx) => {
    const r = createDocument(ctx, input);
    edoAfterSave(ctx, r.id);
    return clientChanged(ctx, input.clientId, r);
  },
  'documents.update': (input, ctx) => {
    const r = updateDocument(ctx, input);
    edoAfterSave(ctx, input.id);
    return clientChanged(ctx, documentRow(ctx.db, input.id).clientId, r);
  },
  'documents.get': (input, ctx) => loadDocumentCard(ctx.db, input.id, ctx.today()),
  'documents.list': (input, ctx) => listDocuments(ctx.db, input, ctx.today()),
  'documents.nextNumber': (input, ctx) => {
    const n = peekNumber(ctx.db, input.type, input.date);
    return { number: n.number, seq: n.seq };
  },
  'documents.markReturned': (input, ctx) => clientChanged(ctx, documentRow(ctx.db, input.id).clientId, markReturned(ctx, input)),
  'documents.unmarkReturned': (input, ctx) => clientChanged(ctx, documentRow(ctx.db, input.id).clientId, unmarkReturned(ctx, input.id)),
  'documents.owedSummary': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId)) throw notFound('client');
    return owedSummary(ctx.db, input.clientId, ctx.today());
  },

  'settings.returnPeriods.get': (_input, ctx) => returnPeriods(ctx.db),
  'settings.returnPeriods.save': (input, ctx) => {
    const r = saveReturnPeriods(ctx.db, input.periods, ctx.me.id, ctx.nowIso());
    if (r.changedTypes.length > 0) ctx.audit('settings', null, 'return_periods', { periods: input.periods, recomputed: r.recomputed });
    return { recomputed: r.recomputed };
  },
  'settings.templates.get': (_input, ctx) => templates(ctx.db),
  'settings.templates.save': (input, ctx) => {
    saveTemplate(ctx.db, input, ctx.me.id, ctx.nowIso());
    ctx.audit('settings', null, 'template', { code: input.code });
    return { ok: true };
  },
  'settings.ourRequisites.get': (_input, ctx) => ourRequisites(ctx.db),
  'settings.ourRequisites.save': (input, ctx) => {
    const value: OurRequisites = { ...input, signers: input.signers.map((s) => ({ ...s, employeeId: s.employeeId ?? null })) };
    saveOurRequisites(ctx.db, value);
    ctx.audit('settings', null, 'our_requisites', value);
    return { ok: true };
  },
};
