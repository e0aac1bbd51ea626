// Contract: ЭДО through 1С — connections and their health, the queue of documents handed to 1С, a document's ЭДО timeline, the client setting.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, ANY_STAFF, MANAGERS } from '../roles';
import { id, isoDate, optText, reqText } from './common';
import { DOC_EDITORS } from './documents';
import { EDO_QUEUE_GROUPS, ONEC_TRANSPORTS, type ClientEdoSetting, type EdoDocumentInfo, type EdoQueueGroup, type EdoQueueRow, type OnecConnectionRow, type OnecHealth } from '../edo';

/** A 1С exchange node code: letters, digits, `_` and `-` (it becomes part of the file names). */
const nodeCode = z
  .string()
  .trim()
  .max(50)
  .regex(/^[\p{L}\p{N}_-]+$/u, { message: 'node_code' });

export const onecConnectionInput = z
  .object({
    id: id.optional(),
    name: reqText(200),
    sendVia: z.enum(ONEC_TRANSPORTS),
    enabled: z.boolean().default(true),
    /** An absolute path on the machine running the core. */
    folder: z
      .string()
      .trim()
      .max(1000)
      .refine((v) => v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'), { message: 'absolute_path' })
      .nullish(),
    ourCode: nodeCode.nullish(),
    peerCode: nodeCode.nullish(),
    zip: z.boolean().default(false),
    formatVersion: z.string().trim().regex(/^1\.\d{1,2}$/, { message: 'format_version' }).default('1.8'),
    odataUrl: z
      .string()
      .trim()
      .max(1000)
      .regex(/^https?:\/\/\S+$/i, { message: 'url' })
      .nullish(),
    odataUser: optText(200),
    /** Set only to change it; an empty string removes it. */
    odataPassword: z.string().max(1000).optional(),
    organizationRef: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'guid' })
      .nullish(),
    intervalSec: z.number().int().min(5).max(86_400).default(60),
    resendSec: z.number().int().min(30).max(86_400).default(300),
  })
  .superRefine((v, ctx) => {
    if (v.sendVia === 'folder') {
      if (!v.folder) ctx.addIssue({ code: 'custom', path: ['folder'], message: 'required' });
      if (!v.ourCode) ctx.addIssue({ code: 'custom', path: ['ourCode'], message: 'required' });
      if (!v.peerCode) ctx.addIssue({ code: 'custom', path: ['peerCode'], message: 'required' });
    } else if (!v.odataUrl) ctx.addIssue({ code: 'custom', path: ['odataUrl'], message: 'required' });
    if (v.odataUrl && !v.odataUser) ctx.addIssue({ code: 'custom', path: ['odataUser'], message: 'required' });
  });
export type OnecConnectionInput = z.input<typeof onecConnectionInput>;

export const edoApi = {
  'edo.connections.list': method<OnecConnectionRow[]>()({ input: z.object({}), access: ADMINS, write: false }),
  'edo.connections.save': method<{ id: number }>()({ input: onecConnectionInput, access: ADMINS, write: true }),
  /**
   * «Передать заново» after 1С was restored from a copy: the connection's documents dated from `since` (not signed,
   * annulled or failed) are queued again from the start. `dryRun` only counts them.
   */
  'edo.connections.resend': method<{ documents: number }>()({
    input: z.object({ id, since: isoDate, dryRun: z.boolean().default(false) }),
    access: ADMINS,
    write: true,
  }),
  /** Runs an exchange round of the connection now (in the process that owns it). */
  'edo.connections.runNow': method<{ ok: true }>()({ input: z.object({ id }), access: MANAGERS, write: false }),
  'edo.health': method<OnecHealth[]>()({ input: z.object({}), access: MANAGERS, write: false }),
  /** The queue screen: documents handed to 1С by group, newest change first. */
  'edo.queue.list': method<{ rows: EdoQueueRow[]; total: number; counts: Record<EdoQueueGroup, number> }>()({
    input: z.object({
      group: z.enum(EDO_QUEUE_GROUPS).optional(),
      clientId: id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
    access: DOC_EDITORS,
    write: false,
  }),
  /** «Отправить в 1С»: queues an issued invoice, act, УПД or счёт-фактура; on a failing one, retries it now. */
  'edo.send': method<{ state: string }>()({ input: z.object({ documentId: id }), access: DOC_EDITORS, write: true }),
  /** A document's ЭДО row and timeline (null row: never handed to 1С). */
  'edo.document': method<EdoDocumentInfo>()({ input: z.object({ documentId: id }), access: ANY_STAFF, write: false }),
  'edo.client.get': method<ClientEdoSetting | null>()({ input: z.object({ clientId: id }), access: ANY_STAFF, write: false }),
  'edo.client.set': method<ClientEdoSetting>()({
    input: z.object({ clientId: id, enabled: z.boolean(), operator: optText(100), edoId: optText(100) }),
    access: DOC_EDITORS,
    write: true,
  }),
};
