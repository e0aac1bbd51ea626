// Contract: imported chat sessions (list, one dialog), kits not yet linked to a client, and the operator-name → employee mapping.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF, MANAGERS } from '../roles';
import { id, isoDate } from './common';
import type { ChatOperatorRow, ChatSessionFull, ChatSessionRow, UnknownKitRow } from '../chat-sessions';

/** A kit in the КЦ's numbers, as the export names it. */
export const chatKitInput = z.object({
  systemNumber: z.number().int().min(1).max(9999),
  distrNumber: z.number().int().min(1).max(999_999_999),
  comp: z.number().int().min(1).max(99).default(1),
});

export const chatSessionsListInput = z.object({
  /** Days in the РИЦ's time zone, both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  employeeId: id.optional(),
  /** An operator name of the export (for names not mapped yet). */
  personal: z.string().trim().min(1).max(200).optional(),
  clientId: id.optional(),
  /** Only sessions linked to no client. */
  unlinked: z.boolean().default(false),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ChatSessionsListInput = z.input<typeof chatSessionsListInput>;

/*
 * Who sees what: a head or an administrator every session; anyone else their own sessions (mapped to them), and the
 * sessions of a client they ask for by clientId (the card shows them on the timeline to everyone who may open it).
 * Unlinked sessions of other operators, kits and the mapping are managers' work.
 */
export const chatSessionsApi = {
  'chat.sessions.list': method<{ rows: ChatSessionRow[]; total: number }>()({ input: chatSessionsListInput, access: ANY_STAFF, write: false }),
  'chat.sessions.get': method<ChatSessionFull>()({ input: z.object({ id }), access: ANY_STAFF, write: false }),
  /** Kits whose sessions are linked to no client, most sessions first. */
  'chat.sessions.unknownKits': method<UnknownKitRow[]>()({
    input: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }),
    access: MANAGERS,
    write: false,
  }),
  /**
   * Links every session of a kit to a client. A system the catalogue knows: the kit becomes one of the client's
   * distributions (one of another client's is refused: CONFLICT), so later sessions link by themselves; an unknown
   * system: the sessions are linked to the client, and later ones follow the earlier sessions' link.
   */
  'chat.sessions.link': method<{ linked: number; distributionId: number | null }>()({
    input: chatKitInput.extend({ clientId: id }),
    access: MANAGERS,
    write: true,
  }),
  /** Every operator name seen in exports with its employee (null: still to map). */
  'chat.operators.list': method<ChatOperatorRow[]>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** Maps an operator name to an employee (null unmaps); the sessions already imported follow. */
  'chat.operators.set': method<{ updated: number }>()({
    input: z.object({ personal: z.string().trim().min(1).max(200), employeeId: id.nullable() }),
    access: MANAGERS,
    write: true,
  }),
};
