// Handler of a ГЛ call list's review (nss.calls.review).
import type { HandlerMap } from '../../api/handler';
import { stageAccess, stageBatch } from '../imports/imports.handlers';
import { loadCallsReview } from './calls.stage';

export const nssCallsHandlers: HandlerMap<'nss.calls.review'> = {
  'nss.calls.review': (input, ctx) => {
    stageBatch(ctx, input.stageId);
    stageAccess(ctx, input.stageId);
    return loadCallsReview(ctx.db, input);
  },
};
