// The "change of counterparty from date D" agreement: registers the new counterparty in the client's dated history (the DOMAIN procedure).
import type { Ctx } from '../../api/context';
import { badField } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { MethodParsed } from '../../../src-shared/api';
import { counterpartyOn } from '../clients/clients.card';
import { clientsHandlers } from '../clients/clients.handlers';
import { addDaysIso } from './return-rules';

type ChangeInput = MethodParsed<'clients.changeCounterparty'>;

export interface CounterpartyChange {
  clientId: number;
  changeFrom: string;
  newCounterpartyId?: number;
  newCounterparty?: MethodParsed<'documents.create'>['newCounterparty'];
  /** Written into the history link, e.g. the agreement's number and date. */
  basis: string;
}

/**
 * From `changeFrom` the client works under the new counterparty. When the history already has exactly this
 * link (entered on the Реквизиты tab first) the agreement just refers to it; the change itself goes through
 * the clients feature so the event, the audit entry and the card's version follow the same path.
 */
export function applyCounterpartyChange(ctx: Ctx, c: CounterpartyChange): { counterpartyId: number } {
  if (c.newCounterpartyId != null && !stmt(ctx.db, 'SELECT 1 FROM counterparties WHERE id = ?').get(c.newCounterpartyId)) {
    throw badField('newCounterpartyId', 'not_found');
  }
  const previous = counterpartyOn(ctx.db, c.clientId, addDaysIso(c.changeFrom, -1));
  if (c.newCounterpartyId != null && previous?.id === c.newCounterpartyId) throw badField('newCounterpartyId', 'same_counterparty');
  const existing = stmt(ctx.db, 'SELECT id, counterparty_id AS counterpartyId FROM client_counterparties WHERE client_id = ? AND effective_from = ?').get(
    c.clientId,
    c.changeFrom,
  ) as { id: number; counterpartyId: number } | undefined;
  if (existing) {
    if (c.newCounterpartyId != null && existing.counterpartyId === c.newCounterpartyId) return { counterpartyId: existing.counterpartyId };
    throw badField('changeFrom', 'date_taken');
  }
  const handler = clientsHandlers['clients.changeCounterparty'] as (input: ChangeInput, ctx: Ctx) => { linkId: number; counterpartyId: number };
  const r = handler(
    {
      clientId: c.clientId,
      effectiveFrom: c.changeFrom,
      basis: c.basis,
      counterpartyId: c.newCounterpartyId,
      counterparty: c.newCounterparty ?? undefined,
    },
    ctx,
  );
  return { counterpartyId: r.counterpartyId };
}
