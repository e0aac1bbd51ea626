// Handlers of duplicate control: the ИНН/КПП check as the user types, and the merge of two clients (preview, then merge).
import type { HandlerMap } from '../../api/handler';
import { sameInn } from './duplicates';
import { mergeClients, previewMerge } from './merge';

export const dedupeHandlers: HandlerMap<'clients.checkInn' | 'clients.mergePreview' | 'clients.merge'> = {
  'clients.checkInn': (input, ctx) => {
    const inn = input.inn.replace(/\s+/g, '');
    // Only a whole ИНН names anyone; a half-typed one would list strangers.
    if (!/^(\d{10}|\d{12})$/.test(inn)) return { duplicate: null, branches: [] };
    const kpp = input.kpp ? input.kpp.replace(/\s+/g, '').toUpperCase() : null;
    return sameInn(ctx.db, inn, kpp, input.excludeId ?? 0);
  },

  'clients.mergePreview': (input, ctx) => previewMerge(ctx.db, input.survivorId, input.mergedId),

  'clients.merge': (input, ctx) => mergeClients(ctx, input),
};
