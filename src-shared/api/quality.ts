// Contract: answer quality — the scorecard, the weekly sample, reviews of chat sessions, and the report «Операторы чата».
import { z } from 'zod';
import { method } from './define';
import { MANAGERS, type Role } from '../roles';
import { id, isoDate, optText, reqText } from './common';
import { QUALITY_SCALES, type OperatorReport, type QualityCategory, type QualityReviewRow, type QualitySessionRow, type QualitySessionView, type QualitySettings } from '../quality';
import type { PrintedFile } from '../doc-types';

/** Heads and administrators score; a chat operator reads their own reviews. */
export const QUALITY_READERS: readonly Role[] = ['admin', 'head', 'chat'];


const periodOrder = (v: { from?: string; to?: string }) => !v.from || !v.to || v.to >= v.from;
const period = z.object({ from: isoDate, to: isoDate }).refine(periodOrder, { path: ['to'], message: 'before_start' });

export const categoryInput = z.object({
  id: id.optional(),
  name: reqText(200),
  scale: z.enum(QUALITY_SCALES),
  weight: z.number().positive().max(100),
  critical: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
});

export const reviewInput = z.object({
  sessionId: id,
  /** One value per category shown by quality.session (same order); null = not applicable. */
  ratings: z.array(z.number().int().min(0).max(5).nullable()).min(1).max(100),
  comment: optText(4000),
});

export const qualityApi = {
  'quality.categories.list': method<QualityCategory[]>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** Adds (no id) or edits a category; reviews already made keep the copy they were scored with. */
  'quality.categories.save': method<{ id: number }>()({ input: categoryInput, access: MANAGERS, write: true }),
  'quality.categories.delete': method<{ ok: true }>()({ input: z.object({ id }), access: MANAGERS, write: true }),
  'quality.settings.get': method<QualitySettings>()({ input: z.object({}), access: MANAGERS, write: false }),
  'quality.settings.save': method<{ ok: true }>()({
    input: z.object({ perOperator: z.number().int().min(1).max(100), minDurationSec: z.number().int().min(0).max(86_400) }),
    access: MANAGERS,
    write: true,
  }),
  /** Draws the sample of the ISO week holding `date`; drawing again adds only what is missing per operator. */
  'quality.sample.draw': method<{ week: string; added: number; total: number }>()({ input: z.object({ date: isoDate }), access: MANAGERS, write: true }),
  /** The sample of the ISO week holding `date`. */
  'quality.sample.list': method<{ week: string; from: string; to: string; rows: QualitySessionRow[] }>()({
    input: z.object({ date: isoDate, employeeId: id.optional() }),
    access: MANAGERS,
    write: false,
  }),
  /** The dialog and its review; an operator opens only their own sessions. */
  'quality.session': method<QualitySessionView>()({ input: z.object({ sessionId: id }), access: QUALITY_READERS, write: false }),
  /** Creates or edits the session's review (the author or an administrator edits). */
  'quality.review.save': method<{ id: number; score: number }>()({ input: reviewInput, access: MANAGERS, write: true }),
  /** Reviews by period and operator; an operator (without a head's role) gets only their own. */
  'quality.reviews.list': method<QualityReviewRow[]>()({
    input: z
      .object({ employeeId: id.optional(), from: isoDate.optional(), to: isoDate.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .refine(periodOrder, { path: ['to'], message: 'before_start' }),
    access: QUALITY_READERS,
    write: false,
  }),
  /** Report «Операторы чата»: per operator over a period (session start dates in the РИЦ's zone, inclusive). */
  'reports.chatOperators': method<OperatorReport>()({ input: period, access: MANAGERS, write: false }),
  /** Drill-down: one operator's sessions of the period with their review score and the client's rating. */
  'reports.chatOperatorSessions': method<{ rows: QualitySessionRow[]; total: number }>()({
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        employeeId: id,
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .refine(periodOrder, { path: ['to'], message: 'before_start' }),
    access: MANAGERS,
    write: false,
  }),
  'reports.chatOperatorsXlsx': method<{ files: string[]; details: PrintedFile[] }>()({ input: period, access: MANAGERS, write: false }),
};
