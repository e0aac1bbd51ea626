// Readiness index: stages with required fields (settings) and each client's confirmed values.
import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { employees } from './employees';

export const readinessFields = sqliteTable('readiness_fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const readinessStages = sqliteTable('readiness_stages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** A confirmation older than this many days no longer counts. */
  freshnessDays: integer('freshness_days').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const readinessStageFields = sqliteTable(
  'readiness_stage_fields',
  {
    stageId: integer('stage_id')
      .notNull()
      .references(() => readinessStages.id, { onDelete: 'cascade' }),
    fieldCode: text('field_code')
      .notNull()
      .references(() => readinessFields.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.fieldCode] })],
);

export const clientReadinessValues = sqliteTable(
  'client_readiness_values',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    fieldCode: text('field_code')
      .notNull()
      .references(() => readinessFields.code, { onDelete: 'cascade' }),
    value: text('value').notNull(),
    confirmedAt: text('confirmed_at').notNull(),
    confirmedBy: integer('confirmed_by').references(() => employees.id),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.fieldCode] })],
);

/**
 * Derived, kept for lists: the last day the client is ready for the stage (the oldest required
 * confirmation + freshness), or null when a required value is missing. Ready on D iff readyUntil ≥ D,
 * so the status lapses with time without any job rewriting rows.
 */
export const clientReadiness = sqliteTable(
  'client_readiness',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    stageId: integer('stage_id')
      .notNull()
      .references(() => readinessStages.id, { onDelete: 'cascade' }),
    readyUntil: text('ready_until'),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.stageId] })],
);
