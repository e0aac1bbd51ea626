// Online dialogs (Онлайн-диалог sessions), «Задать вопрос» exports, the operator mapping, chat-on history and answer-quality reviews.
import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { clients, contacts } from './clients';
import { distributions } from './distributions';
import { employees } from './employees';
import { importFiles } from './imports';
import { tasks } from './mail';

/** One chat session of the КЦ's export; identified by (system number, distribution, comp, start). */
export const chatSessions = sqliteTable(
  'chat_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The КЦ's system number as in the file; the code comes through the catalogue. */
    systemNumber: integer('system_number').notNull(),
    distrNumber: integer('distr_number').notNull(),
    comp: integer('comp').notNull().default(1),
    /** UTC ISO instants (the export is in Moscow time). */
    startAt: text('start_at').notNull(),
    finishAt: text('finish_at'),
    firstDate: text('first_date'),
    durationSec: integer('duration_sec'),
    distributionId: integer('distribution_id').references(() => distributions.id, { onDelete: 'set null' }),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    profile: text('profile'),
    fio: text('fio'),
    email: text('email'),
    phone: text('phone'),
    /** The dialog as exported. */
    text: text('text'),
    lgn: text('lgn'),
    /** The operator as the export names them (`personal`); mapped to an employee through chat_operators. */
    personal: text('personal'),
    employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'set null' }),
    links: text('links'),
    /** The client's own rating when the export has one (never mixed into the РИЦ's review). */
    clientRating: text('client_rating'),
    /** JSON array of problem codes the record was kept with (e.g. unknown_system_number). */
    flags: text('flags').notNull().default('[]'),
    fileId: integer('file_id').references(() => importFiles.id),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('chat_sessions_key_uq').on(t.systemNumber, t.distrNumber, t.comp, t.startAt),
    index('chat_sessions_client_idx').on(t.clientId, t.startAt),
    index('chat_sessions_contact_idx').on(t.contactId),
    index('chat_sessions_employee_idx').on(t.employeeId, t.startAt),
    index('chat_sessions_start_idx').on(t.startAt),
    index('chat_sessions_distribution_idx').on(t.distributionId),
  ],
);

/** The export's operator name → an employee, remembered once mapped. */
export const chatOperators = sqliteTable('chat_operators', {
  personal: text('personal').primaryKey(),
  employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'set null' }),
});

/** A «Задать вопрос» question from the КЦ's export; joined with the e-mailed one when it is the same question. */
export const chatQuestions = sqliteTable(
  'chat_questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    systemNumber: integer('system_number').notNull(),
    distrNumber: integer('distr_number').notNull(),
    comp: integer('comp').notNull().default(1),
    /** UTC ISO instant of the question; `askedOn` is its Moscow date, the join's day. */
    askedAt: text('asked_at').notNull(),
    askedOn: text('asked_on').notNull(),
    fio: text('fio'),
    email: text('email'),
    phone: text('phone'),
    text: text('text').notNull(),
    /** The text normalised for the join (case, ё, spaces, punctuation). */
    textKey: text('text_key').notNull(),
    distributionId: integer('distribution_id').references(() => distributions.id, { onDelete: 'set null' }),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** The task of the same question that came by e-mail, or the task made on import when asked for. */
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    flags: text('flags').notNull().default('[]'),
    fileId: integer('file_id').references(() => importFiles.id),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('chat_questions_key_uq').on(t.systemNumber, t.distrNumber, t.comp, t.askedOn, t.textKey),
    index('chat_questions_client_idx').on(t.clientId, t.askedAt),
    index('chat_questions_task_idx').on(t.taskId),
  ],
);

/** «Chat on» with a history: on or off from a date (the latest effective date ≤ D is the state on D). */
export const distributionChat = sqliteTable(
  'distribution_chat',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    distributionId: integer('distribution_id')
      .notNull()
      .references(() => distributions.id, { onDelete: 'cascade' }),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    effectiveFrom: text('effective_from').notNull(),
    setBy: integer('set_by').references(() => employees.id),
    setAt: text('set_at').notNull(),
  },
  (t) => [uniqueIndex('distribution_chat_uq').on(t.distributionId, t.effectiveFrom)],
);

/** A scorecard category; a review keeps a copy of the categories it was scored with. */
export const qualityCategories = sqliteTable('quality_categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** yes_no | 1_3 | 1_5 */
  scale: text('scale').notNull(),
  weight: real('weight').notNull().default(1),
  critical: integer('critical', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** Sessions drawn for review: N per operator per week. */
export const qualitySamples = sqliteTable(
  'quality_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** ISO week, `2026-W48`. */
    week: text('week').notNull(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    sessionId: integer('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('quality_samples_session_uq').on(t.sessionId), index('quality_samples_week_idx').on(t.week, t.employeeId)],
);

export const qualityReviews = sqliteTable(
  'quality_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    /** The operator reviewed (the session's employee when it was scored). */
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => employees.id),
    /** JSON: the categories as scored ({ name, scale, weight, critical }[]). */
    categories: text('categories').notNull(),
    /** JSON: one value per category, null = not applicable. */
    ratings: text('ratings').notNull(),
    /** 0–100. */
    score: real('score').notNull(),
    comment: text('comment'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('quality_reviews_session_uq').on(t.sessionId), index('quality_reviews_employee_idx').on(t.employeeId, t.createdAt)],
);
