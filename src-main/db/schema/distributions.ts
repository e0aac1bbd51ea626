// Installed K+ distributions of a client and the service scheme of each over time.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { employees } from './employees';

export const distributions = sqliteTable(
  'distributions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    systemCode: text('system_code').notNull(),
    distrNumber: integer('distr_number').notNull(),
    comp: integer('comp').notNull().default(1),
    /** local | network | flash | online | internet */
    networkType: text('network_type').notNull().default('local'),
    /** active | suspended | closed */
    state: text('state').notNull().default('active'),
    /**
     * Unused since migration 0013: «chat on» is the history in distribution_chat (the flag was copied there as on since
     * the distribution's creation). Kept in the table — dropping it would be a table rebuild for no gain — and read or
     * written by nothing; new rows get the default.
     */
    chatEnabled: integer('chat_enabled', { mode: 'boolean' }).notNull().default(false),
    address: text('address'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('distributions_code_uq').on(t.systemCode, t.distrNumber, t.comp),
    index('distributions_number_idx').on(t.distrNumber),
    index('distributions_client_idx').on(t.clientId),
  ],
);

/** nss | standard, from a date; the latest effective date ≤ D is the scheme on D. */
export const distributionSchemes = sqliteTable(
  'distribution_schemes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    distributionId: integer('distribution_id')
      .notNull()
      .references(() => distributions.id, { onDelete: 'cascade' }),
    scheme: text('scheme').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    createdBy: integer('created_by').references(() => employees.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('distribution_schemes_uq').on(t.distributionId, t.effectiveFrom)],
);
