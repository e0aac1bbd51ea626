// Push events from the core to connected screens: one typed map for IPC and Server-Sent Events.
import type { TaskStatus } from './mail-types';
import type { UsrZipProgress } from './usr-reports';
export interface PushEvents {
  /** A client changed (any part of its card): screens showing it reload. */
  'client.changed': { clientId: number; by: number | null };
  'refs.changed': Record<string, never>;
  /**
   * A task was created or changed (status, assignee): task lists reload. Sent to those who may see the task and to
   * the assignee it was taken from (whose list must drop it).
   */
  'task.changed': { taskId: number; directionId: number; assigneeId: number | null; formerAssigneeId: number | null; status: TaskStatus; created: boolean };
  /** A notification for one employee: the notification centre and a desktop notification. */
  'notification.new': { employeeId: number; notificationId: number; taskId: number | null };
  /** A mailbox's sync state changed (connected, counters, error): the health panel reloads. */
  'mail.health': { mailboxId: number };
  /** The unrecognised queue changed. */
  'mail.queue.changed': { queueId: number };
  /** Mailboxes were added or edited, or a sync was asked for: the job runner re-reads them. */
  'mail.mailboxes.changed': { mailboxId: number | null; syncNow: boolean };
  /** The backup schedule changed, or a backup started or finished: the status screen reloads, the job re-reads its settings. */
  'backup.changed': Record<string, never>;
  /**
   * Internal, never sent to screens: an employee's sessions or access changed (logout, password, deactivation,
   * roles). Open event streams of that employee check their session at once and end if it is over or changed.
   */
  'session.changed': { employeeId: number };
  /** An import batch of this employee moved on (a file done, the batch finished). */
  'imports.progress': { batchId: number; employeeId: number; state: 'queued' | 'running' | 'done'; filesDone: number; filesTotal: number; current: string | null };
  /** A batch finished: the journal reloads. */
  'imports.changed': { batchId: number };
  /** Internal: a batch was queued or watched folders changed; the import job looks again. */
  'imports.queued': Record<string, never>;
  /** Internal: a chat-on change or a kit edit may have changed today's hotline.txt; the hotline job checks it. */
  'hotline.dirty': Record<string, never>;
  /** hotline.txt was checked or written: its settings tab reloads. */
  'hotline.changed': Record<string, never>;
  /** Certificates of clients changed (a certified list applied): badges and lists reload; null = too many to name. */
  'glavbukh.changed': { clientIds: number[] | null };
  /** A USR ZIP this employee asked for moved on (files written of the total). */
  'reports.usrZip.progress': UsrZipProgress;
  /** Internal: documents were queued for 1С, a connection changed, or a round was asked for; the ЭДО job looks again. */
  'edo.wake': { connectionId: number | null; reload: boolean };
  /** Documents' ЭДО state changed (queued, acknowledged, a 1С state read): the queue, the health panel and document cards reload. */
  'edo.changed': { documentIds: number[] | null };
}
export type PushEventName = keyof PushEvents;
export interface PushMessage<K extends PushEventName = PushEventName> {
  event: K;
  data: PushEvents[K];
}
