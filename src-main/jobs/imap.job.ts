// The IMAP job for one mailbox: IDLE with a polling heartbeat, reconnection with backoff, a UID cursor, one owner at a time.
import { ImapFlow } from 'imapflow';
import type { Db } from '../db/connection';
import type { WorkerPool } from '../workers/pool';
import type { Clock } from '../api/context';
import type { PushMessage } from '../../src-shared/events';
import { acquireLease, LEASE_MS, releaseLease } from '../features/mail/lease';
import { ingestMessage, LeaseLostError, type Outcome } from '../features/mail/intake';
import { mailParseTask } from '../features/mail/mail.workers';
import { HEARTBEAT_MS, mailboxConfig, recordCheck, recordConnection, resetCursor, syncCursor, type MailboxConfig } from '../features/mail/mailboxes.repo';

export interface WorkerOptions {
  db: Db;
  /** Where messages are parsed (untrusted input never runs on the event loop). */
  pool: WorkerPool;
  clock: Clock;
  publish: (msg: PushMessage) => void;
  ownerId: string;
  /** How often the job checks the mailbox even while IDLE reports nothing (the heartbeat of the health panel). */
  pollMs?: number;
  /** Inactivity before imapflow enters IDLE; imapflow's 15 s default would delay mail by that much. */
  autoIdleDelay?: number;
  /** Messages fetched per round trip. */
  batchSize?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  log?: (msg: string) => void;
}

export interface SyncSummary {
  counts: Record<Outcome, number>;
  /** Another process owns the mailbox, so this run did nothing. */
  busy: boolean;
}

const emptyCounts = (): Record<Outcome, number> => ({ task: 0, duplicate_message: 0, duplicate_request: 0, queued: 0, stale: 0 });
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export class MailboxWorker {
  private client: ImapFlow | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private wake: (() => void) | null = null;
  private readonly o: Required<Omit<WorkerOptions, 'log'>> & { log: (msg: string) => void };

  constructor(
    readonly mailboxId: number,
    opts: WorkerOptions,
  ) {
    this.o = {
      pollMs: HEARTBEAT_MS,
      autoIdleDelay: 300,
      batchSize: 100,
      backoffMinMs: 1000,
      backoffMaxMs: 60_000,
      log: () => undefined,
      ...opts,
    };
  }

  private now(): number {
    return this.o.clock.now().getTime();
  }

  private health(): void {
    this.o.publish({ event: 'mail.health', data: { mailboxId: this.mailboxId } });
  }

  private async connect(cfg: MailboxConfig): Promise<ImapFlow> {
    // The parser's thread starts while the connection is made, not when the first message is in hand.
    this.o.pool.warm(mailParseTask);
    const client = new ImapFlow({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.tls,
      auth: { user: cfg.user, pass: cfg.password },
      logger: false,
      autoIdleDelay: this.o.autoIdleDelay,
      // A plain-IMAP server may still offer STARTTLS; a mailbox set up without TLS is used as configured.
      doSTARTTLS: cfg.tls ? undefined : false,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
    });
    // Without a listener an 'error' event would crash the process; the close that follows drives reconnection.
    client.on('error', (err: Error) => this.o.log(`mailbox ${this.mailboxId}: ${errText(err)}`));
    // Known before it connects, so that stop() can cut a slow connection attempt short.
    this.client = client;
    if (this.stopped) throw new Error('stopped');
    await client.connect();
    // EXAMINE (read-only): the server cannot set \Seen, and fetching uses BODY.PEEK anyway.
    await client.mailboxOpen(cfg.folder, { readOnly: true });
    return client;
  }

  /**
   * Takes everything beyond the cursor: UIDs first, then the sources in batches, each batch fetched
   * completely before any of it is processed (no IMAP command runs inside a fetch iteration).
   */
  private async syncFolder(client: ImapFlow, cfg: MailboxConfig, summary: SyncSummary): Promise<void> {
    const mb = client.mailbox;
    if (!mb) throw new Error('no mailbox open');
    const uidValidity = Number(mb.uidValidity);
    let cursor = syncCursor(this.o.db, this.mailboxId, cfg.folder);
    if (cursor.uidValidity !== uidValidity) {
      resetCursor(this.o.db, this.mailboxId, cfg.folder, uidValidity);
      cursor = { uidValidity, lastUid: 0 };
    }
    const found = (await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })) || [];
    // `n:*` also names the last message when n is past the end, so keep only what lies beyond the cursor.
    const uids = found.filter((u) => u > cursor.lastUid).sort((a, b) => a - b);
    recordCheck(this.o.db, this.mailboxId, cfg.folder, new Date(this.now()).toISOString(), uids.length);
    for (let i = 0; i < uids.length && !this.stopped; i += this.o.batchSize) {
      const batch = uids.slice(i, i + this.o.batchSize);
      const fetched: { uid: number; source: Buffer; internalDate: string }[] = [];
      for await (const m of client.fetch(batch, { uid: true, source: true, internalDate: true }, { uid: true })) {
        if (!m.source) continue;
        const date = m.internalDate instanceof Date ? m.internalDate : m.internalDate ? new Date(m.internalDate) : new Date(this.now());
        fetched.push({ uid: m.uid, source: m.source, internalDate: date.toISOString() });
      }
      fetched.sort((a, b) => a.uid - b.uid);
      for (const m of fetched) {
        if (this.stopped) return;
        const src = { mailboxId: this.mailboxId, folder: cfg.folder, uidValidity, uid: m.uid, ownerId: this.o.ownerId };
        const r = await ingestMessage(this.o, m.source, src, m.internalDate);
        summary.counts[r.outcome]++;
      }
      this.health();
    }
  }

  /** Runs one sync at a time; a request during a sync makes it go round once more. */
  private kick(client: ImapFlow, cfg: MailboxConfig, summary: SyncSummary): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.again = false;
          await this.syncFolder(client, cfg, summary);
        } while (this.again && !this.stopped);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** `mail sync --once`: everything new, then out. */
  async runOnce(): Promise<SyncSummary> {
    const summary: SyncSummary = { counts: emptyCounts(), busy: false };
    const cfg = mailboxConfig(this.o.db, this.mailboxId);
    if (!cfg) throw new Error(`no mailbox ${this.mailboxId}`);
    if (!acquireLease(this.o.db, this.mailboxId, this.o.ownerId, this.now())) return { ...summary, busy: true };
    const renew = setInterval(() => acquireLease(this.o.db, this.mailboxId, this.o.ownerId, this.now()), LEASE_MS / 3);
    let client: ImapFlow | null = null;
    try {
      client = await this.connect(cfg);
      recordConnection(this.o.db, this.mailboxId, cfg.folder, true, null, new Date(this.now()).toISOString());
      await this.kick(client, cfg, summary);
      // Mail that arrived during the run is taken too.
      await client.noop();
      await this.kick(client, cfg, summary);
    } catch (err) {
      recordConnection(this.o.db, this.mailboxId, cfg.folder, false, errText(err), new Date(this.now()).toISOString());
      throw err;
    } finally {
      clearInterval(renew);
      await client?.logout().catch(() => undefined);
      recordConnection(this.o.db, this.mailboxId, cfg.folder, false, null, new Date(this.now()).toISOString());
      releaseLease(this.o.db, this.mailboxId, this.o.ownerId);
      this.health();
    }
    return summary;
  }

  /** Runs until stop(): IDLE for new mail, a heartbeat poll, reconnection with backoff after any failure. */
  start(): void {
    if (this.running) return;
    this.running = this.loop().catch((err) => this.o.log(`mailbox ${this.mailboxId} job ended: ${errText(err)}`));
  }

  /** Checks the mailbox now (after a settings change or on request). */
  poke(): void {
    const c = this.client;
    const cfg = this.current;
    if (c && cfg) void this.kick(c, cfg, { counts: emptyCounts(), busy: false }).catch(() => undefined);
  }

  private current: MailboxConfig | null = null;

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = null;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const cfg = mailboxConfig(this.o.db, this.mailboxId);
      if (!cfg || !cfg.enabled) return;
      if (!acquireLease(this.o.db, this.mailboxId, this.o.ownerId, this.now())) {
        // Someone else reads this mailbox; try again when its lease could have lapsed.
        await this.pause(LEASE_MS / 2);
        continue;
      }
      let error: string | null = null;
      const timers: NodeJS.Timeout[] = [];
      try {
        const client = await this.connect(cfg);
        this.client = client;
        this.current = cfg;
        const closed = new Promise<void>((r) => client.once('close', () => r()));
        recordConnection(this.o.db, this.mailboxId, cfg.folder, true, null, new Date(this.now()).toISOString());
        this.health();
        failures = 0;
        const summary = { counts: emptyCounts(), busy: false };
        const sync = () =>
          this.kick(client, cfg, summary).catch((err) => {
            error = errText(err);
            // A lost lease or a failed sync ends this connection; the loop decides what next.
            void client.logout().catch(() => client.close());
          });
        client.on('exists', () => void sync());
        timers.push(
          setInterval(() => {
            if (!acquireLease(this.o.db, this.mailboxId, this.o.ownerId, this.now())) {
              error = 'lease lost';
              void client.logout().catch(() => client.close());
            }
          }, LEASE_MS / 3),
          setInterval(() => void sync(), this.o.pollMs),
        );
        await sync();
        await closed;
      } catch (err) {
        error = errText(err);
        if (err instanceof LeaseLostError) error = 'lease lost';
      } finally {
        for (const t of timers) clearInterval(t);
        const c = this.client;
        this.client = null;
        this.current = null;
        if (c?.usable) await c.logout().catch(() => c.close());
        recordConnection(this.o.db, this.mailboxId, cfg.folder, false, this.stopped ? null : error ?? 'connection closed', new Date(this.now()).toISOString());
        this.health();
      }
      if (this.stopped) break;
      failures++;
      const delay = Math.min(this.o.backoffMaxMs, this.o.backoffMinMs * 2 ** Math.min(failures - 1, 10));
      this.o.log(`mailbox ${this.mailboxId}: ${error ?? 'closed'}; reconnecting in ${Math.round(delay / 1000)} s`);
      await this.pause(delay * (0.8 + Math.random() * 0.4));
    }
    releaseLease(this.o.db, this.mailboxId, this.o.ownerId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const c = this.client;
    if (c?.usable) await c.logout().catch(() => c.close());
    else c?.close();
    await this.running;
    await this.syncing?.catch(() => undefined);
    releaseLease(this.o.db, this.mailboxId, this.o.ownerId);
  }
}
