// Handler of `tasks.create`: a task made by hand for a client (a call-back from the chat operator window, a note to a colleague).
import type { HandlerMap } from '../../api/handler';
import { badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { formatPhone } from '../../../src-shared/validation/phone';
import type { MailFields } from '../../../src-shared/mail-types';
import { createTask } from './create';

export const manualTaskHandlers: HandlerMap<'tasks.create'> = {
  'tasks.create': (input, ctx) => {
    if (!stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId)) throw notFound('client');
    if (input.deadline != null && input.deadline <= ctx.nowIso()) throw badField('deadline', 'past');
    const fields: MailFields = { comment: input.text };
    if (input.contactId != null) {
      const c = stmt(ctx.db, 'SELECT client_id AS clientId, full_name AS fullName FROM contacts WHERE id = ?').get(input.contactId) as
        | { clientId: number; fullName: string }
        | undefined;
      if (!c) throw notFound('contact');
      if (c.clientId !== input.clientId) throw badField('contactId', 'mismatch');
      // The person's own phone and e-mail, so the assignee calls back without opening the card.
      const phone = stmt(ctx.db, 'SELECT digits FROM phones WHERE contact_id = ? ORDER BY id LIMIT 1').get(input.contactId) as { digits: string } | undefined;
      const email = stmt(ctx.db, 'SELECT email FROM emails WHERE contact_id = ? ORDER BY id LIMIT 1').get(input.contactId) as { email: string } | undefined;
      fields.fio = c.fullName;
      if (phone) fields.phone = formatPhone(phone.digits);
      if (email) fields.email = email.email;
    }
    if (input.fio) fields.fio = input.fio;
    if (input.phone) fields.phone = input.phone;
    if (input.email) fields.email = input.email;
    const r = createTask(ctx, { kind: input.kind, fields, requestNumber: null, messageId: null, clientId: input.clientId, assigneeId: input.assigneeId ?? null, deadline: input.deadline });
    return { taskId: r.taskId! };
  },
};
