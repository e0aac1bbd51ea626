// Handlers of answer quality: the scorecard and its settings, the weekly sample, the review of a session and the list of reviews.
import type { HandlerMap } from '../../api/handler';
import { notFound } from '../../api/errors';
import { ricTimeZone } from '../../api/context';
import { deleteCategory, listCategories, readQualitySettings, saveCategory, saveQualitySettings } from './scorecard.repo';
import { drawSample } from './sample';
import { listReviews, sampleRows, saveReview, sessionView } from './reviews';
import { instantRange, isoWeekOf, weekRange } from './week';

type QualityMethods =
  | 'quality.categories.list'
  | 'quality.categories.save'
  | 'quality.categories.delete'
  | 'quality.settings.get'
  | 'quality.settings.save'
  | 'quality.sample.draw'
  | 'quality.sample.list'
  | 'quality.session'
  | 'quality.review.save'
  | 'quality.reviews.list';

export const qualityHandlers: HandlerMap<QualityMethods> = {
  'quality.categories.list': (_input, ctx) => listCategories(ctx.db),
  'quality.categories.save': (input, ctx) => {
    const id = saveCategory(ctx.db, input);
    if (id == null) throw notFound('category');
    ctx.audit('quality_category', id, input.id == null ? 'create' : 'update', input);
    return { id };
  },
  'quality.categories.delete': (input, ctx) => {
    if (!deleteCategory(ctx.db, input.id)) throw notFound('category');
    ctx.audit('quality_category', input.id, 'delete');
    return { ok: true };
  },
  'quality.settings.get': (_input, ctx) => readQualitySettings(ctx.db),
  'quality.settings.save': (input, ctx) => {
    saveQualitySettings(ctx.db, input);
    return { ok: true };
  },
  'quality.sample.draw': (input, ctx) => {
    const week = isoWeekOf(input.date);
    return { week, ...drawSample(ctx.db, week, ricTimeZone(ctx.db), ctx.nowIso()) };
  },
  'quality.sample.list': (input, ctx) => {
    const week = isoWeekOf(input.date);
    const { from, to } = weekRange(week, ricTimeZone(ctx.db));
    return { week, from, to, rows: sampleRows(ctx.db, week, input.employeeId) };
  },
  'quality.session': (input, ctx) => sessionView(ctx.db, ctx.me, input.sessionId),
  'quality.review.save': (input, ctx) => {
    const r = saveReview(ctx.db, ctx.me, input, ctx.nowIso());
    ctx.audit('quality_review', r.id, r.created ? 'create' : 'update', { sessionId: input.sessionId, ratings: input.ratings, score: r.score });
    return { id: r.id, score: r.score };
  },
  'quality.reviews.list': (input, ctx) => {
    const tz = ricTimeZone(ctx.db);
    // Open sides of the period: the instant bounds of the given dates only.
    const lo = input.from ? instantRange(input.from, input.from, tz).lo : undefined;
    const hi = input.to ? instantRange(input.to, input.to, tz).hi : undefined;
    return listReviews(ctx.db, ctx.me, { employeeId: input.employeeId, lo, hi, limit: input.limit });
  },
};
