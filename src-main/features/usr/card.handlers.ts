// Handler of the USR section of the client card.
import type { HandlerMap } from '../../api/handler';
import { AppError, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { Db } from '../../db/connection';
import { tombstoneOf } from '../clients/merge';
import { loadUsrCard } from './card';
import { readUsrSettings } from './settings';

/** The card's own rule: any signed-in employee sees any client; a merged one answers NOT_FOUND naming the survivor (as clients.get). */
export function assertClientVisible(db: Db, clientId: number): void {
  const moved = tombstoneOf(db, clientId);
  if (moved) throw new AppError('NOT_FOUND', 'client merged', [{ path: 'clientId', reason: 'merged', ref: { id: moved.survivorId, name: moved.survivorName } }]);
  if (!stmt(db, 'SELECT 1 FROM clients WHERE id = ?').get(clientId)) throw notFound('client');
}

export const usrCardHandlers: HandlerMap<'usr.card'> = {
  'usr.card': (input, ctx) => {
    assertClientVisible(ctx.db, input.clientId);
    return loadUsrCard(ctx.db, input.clientId, ctx.today(), readUsrSettings(ctx.db).staleDays);
  },
};
