// Handlers of the chat operator window: the lookup that fills it and adding the dialog's person as a contact.
import type { HandlerMap } from '../../api/handler';
import { stmt } from '../../db/stmt';
import { scopeOf } from '../tasks/tasks.repo';
import { getClientRow, touchClient } from '../clients/clients.handlers';
import { replaceEmails, replacePhones } from '../clients/channels';
import { reindexClient } from '../clients/search-index';
import { chatLookup } from './lookup';

export const chatOperatorHandlers: HandlerMap<'chat.lookup' | 'chat.addContact'> = {
  'chat.lookup': (input, ctx) => chatLookup({ db: ctx.db, scope: scopeOf(ctx.me), today: ctx.today(), now: ctx.nowIso() }, input),

  'chat.addContact': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const id = Number(
      stmt(ctx.db, 'INSERT INTO contacts (client_id, full_name, position, note, active, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(
        input.clientId,
        input.fullName,
        input.position,
        input.note,
        ctx.nowIso(),
      ).lastInsertRowid,
    );
    if (input.phone) replacePhones(ctx.db, input.clientId, id, [{ raw: input.phone, note: null }]);
    if (input.email) replaceEmails(ctx.db, input.clientId, id, [{ email: input.email, note: null }]);
    reindexClient(ctx.db, input.clientId);
    ctx.audit('contact', id, 'create', { ...input, via: 'chat' });
    touchClient(ctx, input.clientId);
    return { id };
  },
};
