// Lists people work with: named filters each employee saved, and the columns each employee chose, per list.
import { sqliteTable, integer, text, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { employees } from './employees';

export const savedFilters = sqliteTable(
  'saved_filters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    /** clients | documents */
    list: text('list').notNull(),
    name: text('name').notNull(),
    /** The list's filters as JSON, as the screen keeps them. */
    filters: text('filters').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('saved_filters_owner_name_idx').on(t.employeeId, t.list, t.name)],
);

export const listColumns = sqliteTable(
  'list_columns',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    list: text('list').notNull(),
    /** Column keys shown, in order, as JSON. */
    columns: text('columns').notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.list] })],
);
