// The client events timeline and the audit log of who changed what.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { employees } from './employees';

export const clientEvents = sqliteTable(
  'client_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** manual | created | key_set | key_unset | counterparty_changed | scheme_changed | chat_changed | readiness_gained | readiness_lost | … */
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    data: text('data'),
    authorId: integer('author_id').references(() => employees.id),
  },
  (t) => [index('client_events_client_idx').on(t.clientId, t.at)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    employeeId: integer('employee_id').references(() => employees.id),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    action: text('action').notNull(),
    /** JSON: { field: [before, after] } or the created row. */
    changes: text('changes'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
