// Employees, their roles, departments, directions of activity, sessions and login throttling.
import { sqliteTable, integer, text, primaryKey, index } from 'drizzle-orm/sqlite-core';

export const departments = sqliteTable('departments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
});

/** Направления деятельности: sales, service, hotline, legal consulting, … */
export const directions = sqliteTable('directions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
});

export const employees = sqliteTable('employees', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  login: text('login').notNull().unique(),
  fullName: text('full_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  departmentId: integer('department_id').references(() => departments.id),
  email: text('email'),
  phone: text('phone'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
});

export const employeeRoles = sqliteTable(
  'employee_roles',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.role] })],
);

export const employeeDirections = sqliteTable(
  'employee_directions',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    directionId: integer('direction_id')
      .notNull()
      .references(() => directions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.directionId] })],
);

/** Only a hash of the bearer token is stored, so a copied database file grants no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_employee_idx').on(t.employeeId)],
);

/**
 * Failed sign-ins, aggregated per key: one row per (login, client address), plus one per address across all
 * logins (`login` = ''). Rows quiet for a day are removed and the table is capped (see features/auth/throttle.ts).
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    /** Lower-cased login, or '' for the address-wide count. */
    login: text('login').notNull(),
    /** The client address (the socket's, or X-Forwarded-For's behind a trusted proxy; `local` over IPC). */
    address: text('address').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: text('last_failure_at').notNull(),
    /** When the last `login_failed` audit row for this key was written (at most one per window). */
    auditedAt: text('audited_at'),
  },
  (t) => [primaryKey({ columns: [t.login, t.address] }), index('login_attempts_last_idx').on(t.lastFailureAt)],
);
