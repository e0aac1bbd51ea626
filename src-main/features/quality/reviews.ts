// Reviews of chat sessions: the dialog as the reviewer reads it, saving a score with the scorecard copied in, and who sees which review.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { AppError, badField, notFound } from '../../api/errors';
import type { SessionUser } from '../../../src-shared/types';
import type { QualityRatings, QualityReview, QualityReviewRow, QualitySessionRow, QualitySessionView, ScoredCategory } from '../../../src-shared/quality';
import { reviewScore, validRating } from '../../../src-shared/quality-score';
import { activeScorecard } from './scorecard.repo';
import { DURATION_SQL } from './sample';

export const isQualityManager = (u: SessionUser) => u.roles.includes('admin') || u.roles.includes('head');

/** The columns of a QualitySessionRow; callers add FROM chat_sessions s and their WHERE. */
export const SESSION_ROW_SQL = `SELECT s.id, s.start_at AS startAt, ${DURATION_SQL} AS durationSec, s.employee_id AS employeeId, e.full_name AS employeeName,
  s.client_id AS clientId, c.name AS clientName, s.fio, s.client_rating AS clientRating, r.score, r.id AS reviewId
  FROM chat_sessions s LEFT JOIN employees e ON e.id = s.employee_id LEFT JOIN clients c ON c.id = s.client_id
  LEFT JOIN quality_reviews r ON r.session_id = s.id`;

export type RawSessionRow = Omit<QualitySessionRow, 'employee'> & { employeeId: number | null; employeeName: string | null };
export const toSessionRow = (r: RawSessionRow): QualitySessionRow => ({
  id: r.id,
  startAt: r.startAt,
  durationSec: r.durationSec,
  employee: r.employeeId != null ? { id: r.employeeId, fullName: r.employeeName ?? '' } : null,
  clientId: r.clientId,
  clientName: r.clientName,
  fio: r.fio,
  clientRating: r.clientRating,
  score: r.score,
  reviewId: r.reviewId,
});

interface RawReview {
  id: number;
  sessionId: number;
  employeeId: number;
  employeeName: string;
  reviewerId: number;
  reviewerName: string;
  categories: string;
  ratings: string;
  score: number;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
}

function reviewOf(db: Db, sessionId: number): QualityReview | null {
  const r = stmt(
    db,
    `SELECT r.id, r.session_id AS sessionId, r.employee_id AS employeeId, e.full_name AS employeeName, r.reviewer_id AS reviewerId, w.full_name AS reviewerName,
       r.categories, r.ratings, r.score, r.comment, r.created_at AS createdAt, r.updated_at AS updatedAt
     FROM quality_reviews r JOIN employees e ON e.id = r.employee_id JOIN employees w ON w.id = r.reviewer_id WHERE r.session_id = ?`,
  ).get(sessionId) as RawReview | undefined;
  if (!r) return null;
  return {
    id: r.id,
    sessionId: r.sessionId,
    employee: { id: r.employeeId, fullName: r.employeeName },
    reviewer: { id: r.reviewerId, fullName: r.reviewerName },
    categories: JSON.parse(r.categories) as ScoredCategory[],
    ratings: JSON.parse(r.ratings) as QualityRatings,
    score: r.score,
    comment: r.comment,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A head or administrator opens any session; an operator only one whose review is of them (read-only). */
export function sessionView(db: Db, user: SessionUser, sessionId: number): QualitySessionView {
  const raw = stmt(db, `${SESSION_ROW_SQL} WHERE s.id = ?`).get(sessionId) as RawSessionRow | undefined;
  if (!raw) throw notFound('session');
  const review = reviewOf(db, sessionId);
  const manager = isQualityManager(user);
  if (!manager && review?.employee.id !== user.id) throw new AppError('FORBIDDEN', 'not your review');
  const more = stmt(
    db,
    `SELECT s.finish_at AS finishAt, s.text, s.email, s.phone, s.system_number AS systemNumber, s.distr_number AS distrNumber, s.comp,
       s.contact_id AS contactId, k.full_name AS contactName
     FROM chat_sessions s LEFT JOIN contacts k ON k.id = s.contact_id WHERE s.id = ?`,
  ).get(sessionId) as { finishAt: string | null; text: string | null; email: string | null; phone: string | null; systemNumber: number; distrNumber: number; comp: number; contactId: number | null; contactName: string | null };
  const { contactId, contactName, ...rest } = more;
  return {
    session: { ...toSessionRow(raw), ...rest, contact: contactId != null ? { id: contactId, fullName: contactName ?? '' } : null },
    review,
    categories: review ? review.categories : manager ? activeScorecard(db) : [],
    canEdit: manager && (!review || review.reviewer.id === user.id || user.roles.includes('admin')),
  };
}

/**
 * Creates or edits a review. A new review copies the active scorecard; an edit keeps the copy it was made with. The
 * ratings must match those categories one for one; a review with every category N/A has no score and is refused.
 */
export function saveReview(db: Db, user: SessionUser, input: { sessionId: number; ratings: QualityRatings; comment: string | null }, now: string): { id: number; score: number; created: boolean } {
  const session = stmt(db, 'SELECT employee_id AS employeeId FROM chat_sessions WHERE id = ?').get(input.sessionId) as { employeeId: number | null } | undefined;
  if (!session) throw notFound('session');
  const existing = reviewOf(db, input.sessionId);
  if (existing && existing.reviewer.id !== user.id && !user.roles.includes('admin')) throw new AppError('FORBIDDEN', 'another reviewer’s review');
  const categories = existing ? existing.categories : activeScorecard(db);
  if (categories.length === 0) throw badField('ratings', 'no_categories');
  if (input.ratings.length !== categories.length) throw badField('ratings', 'scorecard_changed');
  input.ratings.forEach((v, i) => {
    if (v != null && !validRating(categories[i]!, v)) throw badField(`ratings.${i}`, 'out_of_scale');
  });
  const score = reviewScore(categories, input.ratings);
  if (score == null) throw badField('ratings', 'all_not_applicable');
  if (existing) {
    stmt(db, 'UPDATE quality_reviews SET ratings = ?, score = ?, comment = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(input.ratings), score, input.comment, now, existing.id);
    return { id: existing.id, score, created: false };
  }
  if (session.employeeId == null) throw badField('sessionId', 'no_operator');
  const r = stmt(
    db,
    'INSERT INTO quality_reviews (session_id, employee_id, reviewer_id, categories, ratings, score, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(input.sessionId, session.employeeId, user.id, JSON.stringify(categories), JSON.stringify(input.ratings), score, input.comment, now, now);
  return { id: Number(r.lastInsertRowid), score, created: true };
}

/**
 * Reviews newest first; an operator without a head's role gets only their own whatever they ask for. CROSS JOIN keeps
 * the (few) reviews the outer loop rather than a period's sessions.
 */
export function listReviews(
  db: Db,
  user: SessionUser,
  f: { employeeId?: number; lo?: string; hi?: string; limit: number },
): QualityReviewRow[] {
  const employeeId = isQualityManager(user) ? f.employeeId : user.id;
  const where: string[] = [];
  const args: unknown[] = [];
  if (employeeId != null) {
    where.push('r.employee_id = ?');
    args.push(employeeId);
  }
  if (f.lo) {
    where.push('s.start_at >= ?');
    args.push(f.lo);
  }
  if (f.hi) {
    where.push('s.start_at < ?');
    args.push(f.hi);
  }
  const rows = stmt(
    db,
    `SELECT r.id, r.session_id AS sessionId, s.start_at AS sessionStartAt, r.employee_id AS employeeId, e.full_name AS employeeName,
       r.reviewer_id AS reviewerId, w.full_name AS reviewerName, r.score, r.comment, s.client_rating AS clientRating, r.updated_at AS updatedAt
     FROM quality_reviews r CROSS JOIN chat_sessions s ON s.id = r.session_id JOIN employees e ON e.id = r.employee_id JOIN employees w ON w.id = r.reviewer_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.start_at DESC, r.id DESC LIMIT ?`,
  ).all(...args, f.limit) as (Omit<QualityReviewRow, 'employee' | 'reviewer'> & { employeeId: number; employeeName: string; reviewerId: number; reviewerName: string })[];
  return rows.map(({ employeeId: eid, employeeName, reviewerId, reviewerName, ...r }) => ({
    ...r,
    employee: { id: eid, fullName: employeeName },
    reviewer: { id: reviewerId, fullName: reviewerName },
  }));
}

/** The week's sample with each session's review score. */
export function sampleRows(db: Db, week: string, employeeId?: number): QualitySessionRow[] {
  const rows = stmt(
    db,
    `${SESSION_ROW_SQL} JOIN quality_samples q ON q.session_id = s.id WHERE q.week = ? AND (? IS NULL OR q.employee_id = ?) ORDER BY e.full_name, s.start_at`,
  ).all(week, employeeId ?? null, employeeId ?? null) as RawSessionRow[];
  return rows.map(toSessionRow);
}
