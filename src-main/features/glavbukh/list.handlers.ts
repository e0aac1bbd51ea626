// Handler of a certified list's review (glavbukh.list.review).
import type { HandlerMap } from '../../api/handler';
import { stageAccess, stageBatch } from '../imports/imports.handlers';
import { loadReview } from './list.stage';

export const glavbukhListHandlers: HandlerMap<'glavbukh.list.review'> = {
  'glavbukh.list.review': (input, ctx) => {
    stageBatch(ctx, input.stageId);
    stageAccess(ctx, input.stageId);
    return loadReview(ctx.db, input);
  },
};
