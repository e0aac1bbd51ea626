// The 1С peer: plays a standard 1С:Бухгалтерия on the folder (EnterpriseData) and OData transports, with faults.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyAll } from './apply';
import { advanceEdo, ensureEdo, manualEdo, EDO_STATES } from './edo';
import { buildMessage, messageBytes, messageText, parseMessage, type ReplyDocument, type EdType } from './format';
import { handleOData } from './odata';
import { hasXmllint, validateMessage } from './xsd';
import type { OneCPeerOptions, PeerEvent, PeerFaults, RoundResult } from './options';
import {
  ENTITY_SETS, coreOf, loadState, nextRandom, onecDate, saveState,
  type CoreState, type EdoRecord, type EdoStep, type EntitySet, type PersistedState,
} from './state';

export type { OneCPeerOptions, PeerEvent, PeerFaults, RoundResult } from './options';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OneCPeer {
  readonly opts: Required<Omit<OneCPeerOptions, 'dir' | 'stateDir' | 'port' | 'log' | 'faults' | 'edoScripts' | 'validateXsd'>> &
    Pick<OneCPeerOptions, 'dir' | 'stateDir' | 'port' | 'log'>;
  faults: PeerFaults;
  state: PersistedState;
  /** Per-document ЭДО scripts (constructor `edoScripts`, or `setScript`). */
  readonly edoScripts: Record<string, EdoStep[]>;
  readonly validateXsd: boolean;
  /** The script a record follows: its own, the per-document one, or the default. */
  readonly scriptOf = (rec: EdoRecord): EdoStep[] => rec.script ?? this.edoScripts[rec.objectRef] ?? this.opts.edoScript;
  readonly events: PeerEvent[] = [];
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private busy?: Promise<RoundResult>;
  private lastSeen = '';
  private dirty = false;
  private saveTimer?: NodeJS.Timeout;
  private edoIndex?: { state: CoreState; map: Map<string, EdoRecord> };
  private readonly counters = { dropAcks: 0, duplicate: 0, reorder: 0 };

  constructor(o: OneCPeerOptions = {}) {
    this.opts = {
      dir: o.dir, stateDir: o.stateDir ?? o.dir, port: o.port, log: o.log,
      ourCode: o.ourCode ?? 'CRM', peerCode: o.peerCode ?? 'BP', host: o.host ?? '127.0.0.1', base: o.base ?? 'bp',
      user: o.user ?? 'odata', password: o.password ?? 'odata', refuseEqFilterOn: o.refuseEqFilterOn ?? [],
      zip: o.zip ?? false, bom: o.bom ?? false, formatVersion: o.formatVersion ?? '1.8',
      numberPrefix: o.numberPrefix ?? 'БП-', numberStart: o.numberStart ?? 1, seed: o.seed ?? 1,
      pollMs: o.pollMs ?? 200, resendMs: o.resendMs ?? 2000, now: o.now ?? Date.now,
      edoScript: o.edoScript ?? [], autoEdo: o.autoEdo ?? true, historyDepth: o.historyDepth ?? 5, forgetLast: o.forgetLast ?? 0,
    };
    this.faults = { ...o.faults };
    this.validateXsd = o.validateXsd ?? false;
    if (this.validateXsd && !hasXmllint()) throw new Error('validateXsd needs xmllint');
    this.edoScripts = { ...o.edoScripts };
    this.counters = { dropAcks: o.faults?.dropAcksNext ?? 0, duplicate: o.faults?.duplicateNext ?? 0, reorder: o.faults?.reorderNext ?? 0 };
    this.state = loadState(this.opts.stateDir, this.opts.seed);
    if (this.opts.forgetLast > 0) this.forget(this.opts.forgetLast);
  }

  /** Starts polling the folder and/or serving OData; returns the OData service root when serving. */
  async start(): Promise<{ url?: string }> {
    if (this.opts.dir) {
      mkdirSync(this.opts.dir, { recursive: true });
      const tick = () => {
        this.exchange()
          .catch((e: unknown) => this.emit({ kind: 'error', message: (e as Error).message }))
          .finally(() => {
            if (this.timer) this.timer = setTimeout(tick, this.opts.pollMs);
          });
      };
      this.timer = setTimeout(tick, 0);
    }
    if (this.opts.port !== undefined) {
      const server = createServer((req, res) => void handleOData(this, req, res));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.opts.port, this.opts.host, () => resolve());
      });
      return { url: this.url };
    }
    return {};
  }

  /** OData service root, e.g. `http://127.0.0.1:PORT/bp/odata/standard.odata`. */
  get url(): string | undefined {
    const a = this.server?.address();
    if (!a || typeof a === 'string') return undefined;
    return `http://${this.opts.host}:${a.port}/${encodeURIComponent(this.opts.base)}/odata/standard.odata`;
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.busy;
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save();
  }

  now(): number {
    return this.opts.now();
  }

  /** Writes the state file now. */
  save(): void {
    this.dirty = false;
    saveState(this.opts.stateDir, this.state);
  }

  /** Marks the state changed; it is written within a quarter second (at once on stop), so bursts of requests stay cheap. */
  touch(): void {
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.dirty) this.save();
    }, 250);
    this.saveTimer.unref();
  }

  /** The ЭДО record with this ЭДО document Ref_Key. */
  edoByRef(edoRef: string): EdoRecord | undefined {
    // Records are only ever added to one state object, so a hit in the index is always current; a miss rebuilds it.
    const hit = this.edoIndex?.state === this.state ? this.edoIndex.map.get(edoRef) : undefined;
    if (hit) return hit;
    this.edoIndex = { state: this.state, map: new Map(Object.values(this.state.edo).map((r) => [r.edoRef, r])) };
    return this.edoIndex.map.get(edoRef);
  }

  setFaults(f: PeerFaults): void {
    this.faults = { ...this.faults, ...f };
    if (f.dropAcksNext !== undefined) this.counters.dropAcks = f.dropAcksNext;
    if (f.duplicateNext !== undefined) this.counters.duplicate = f.duplicateNext;
    if (f.reorderNext !== undefined) this.counters.reorder = f.reorderNext;
  }

  /** Forgets the last N received messages: the state goes back to what it was before them. */
  private forget(n: number): void {
    const snaps = this.state.snapshots;
    const keep = Math.max(0, snaps.length - n);
    const back = snaps[keep];
    if (!back) return;
    this.state = { ...structuredClone(back), version: 1, snapshots: snaps.slice(0, keep) };
    this.save();
  }

  private pick(kind: 'dropAcks' | 'duplicate' | 'reorder'): boolean {
    if (this.counters[kind] > 0) {
      this.counters[kind]--;
      return true;
    }
    const fraction = this.faults[kind] ?? 0;
    return fraction > 0 && nextRandom(this.state) < fraction;
  }

  private emit(e: PeerEvent): void {
    this.events.push(e);
    if (this.events.length > 1000) this.events.splice(0, this.events.length - 1000);
    this.opts.log?.(JSON.stringify(e));
  }

  /** One exchange session of the folder transport: read ours, apply, advance ЭДО, write the reply if due. */
  exchange(): Promise<RoundResult> {
    const run = (this.busy ?? Promise.resolve()).then(() => this.round());
    this.busy = run.catch(() => ({}));
    return run;
  }

  private async round(): Promise<RoundResult> {
    const result: RoundResult = {};
    if (this.opts.dir) {
      try {
        const got = this.readIncoming();
        if (got) result.received = got;
      } catch (e) {
        result.error = (e as Error).message;
        this.emit({ kind: 'error', message: result.error });
      }
    }
    if (advanceEdo(this.state, this.scriptOf, this.now())) this.dirty = true;
    if (result.received || result.error) this.dirty = true;
    if (this.opts.dir) {
      const s = this.state;
      const due = s.needWrite || (Object.keys(s.unacked).length > 0 && this.now() - s.lastWriteAt >= this.opts.resendMs);
      if (due) {
        result.wrote = await this.writeReply();
        this.dirty = true;
      }
    }
    if (this.dirty) this.save();
    return result;
  }

  private incomingFile(): string | undefined {
    const base = join(this.opts.dir!, `Message_${this.opts.ourCode}_${this.opts.peerCode}`);
    let best: { path: string; mtime: number } | undefined;
    for (const ext of ['.xml', '.zip']) {
      const path = base + ext;
      if (!existsSync(path)) continue;
      const mtime = statSync(path).mtimeMs;
      if (!best || mtime > best.mtime) best = { path, mtime };
    }
    return best?.path;
  }

  private readIncoming(): RoundResult['received'] {
    const path = this.incomingFile();
    if (!path) return undefined;
    const st = statSync(path);
    const seen = `${path}:${st.mtimeMs}:${st.size}`;
    if (seen === this.lastSeen) return undefined;
    this.lastSeen = seen;
    const text = messageText(readFileSync(path), `Message_${this.opts.ourCode}_${this.opts.peerCode}`);
    const msg = parseMessage(text);
    if (this.validateXsd) {
      const v = validateMessage(text);
      if (!v.ok) throw new Error(`message fails the schema: ${v.errors.slice(0, 2000)}`);
    }
    const h = msg.header;
    if (h.from !== this.opts.ourCode || h.to !== this.opts.peerCode) {
      throw new Error(`message from ${h.from} to ${h.to}, expected from ${this.opts.ourCode} to ${this.opts.peerCode}`);
    }
    const s = this.state;
    s.ackedByThem = Math.max(s.ackedByThem, Math.min(h.receivedNo, s.sentNo));
    for (const [ref, no] of Object.entries(s.unacked)) if (no > 0 && no <= s.ackedByThem) delete s.unacked[ref];
    if (h.objectTypes) s.ourReceiving = h.objectTypes.filter((t) => t.receiving).map((t) => t.name);
    const chosen = h.version || [...h.availableVersions].sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))[0];
    if (chosen) s.formatVersion = chosen;
    if (h.messageNo === 0) {
      // A handshake: nothing to apply, but it is answered.
      s.needWrite = true;
      const e = { kind: 'received' as const, messageNo: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
      this.emit(e);
      return e;
    }
    if (h.messageNo <= s.receivedNo) {
      const e = { kind: 'duplicate' as const, messageNo: h.messageNo };
      this.emit(e);
      return e;
    }
    if (this.opts.historyDepth > 0) {
      s.snapshots.push(coreOf(s));
      if (s.snapshots.length > this.opts.historyDepth) s.snapshots.splice(0, s.snapshots.length - this.opts.historyDepth);
    }
    const out = applyAll(s, msg.objects, {
      numberPrefix: this.opts.numberPrefix, numberStart: this.opts.numberStart, autoEdo: this.opts.autoEdo,
      rejectKeys: new Set(this.faults.rejectKeys ?? []), now: this.now(),
    });
    s.receivedNo = h.messageNo;
    s.needWrite = true;
    s.log.push(`${onecDate(this.now())} #${h.messageNo}: ${msg.objects.length} objects`);
    if (s.log.length > 100) s.log.splice(0, s.log.length - 100);
    const e = {
      kind: 'received' as const, messageNo: h.messageNo, created: out.created.length, updated: out.updated.length,
      unchanged: out.unchanged.length, rejected: out.rejected,
    };
    this.emit(e);
    return e;
  }

  private replyBase(): string {
    return `Message_${this.opts.peerCode}_${this.opts.ourCode}`;
  }

  private writeFile(xml: string): void {
    const base = this.replyBase();
    const ext = this.opts.zip ? '.zip' : '.xml';
    const path = join(this.opts.dir!, base + ext);
    writeFileSync(`${path}.tmp`, messageBytes(xml, base, { bom: this.opts.bom, zip: this.opts.zip }));
    renameSync(`${path}.tmp`, path);
    rmSync(join(this.opts.dir!, base + (this.opts.zip ? '.xml' : '.zip')), { force: true });
  }

  private async writeReply(): Promise<RoundResult['wrote']> {
    const s = this.state;
    if (this.faults.slowMs) await sleep(this.faults.slowMs);
    const last = s.replies[s.replies.length - 1];
    let e: Extract<PeerEvent, { kind: 'wrote' }>;
    if (this.faults.malformedOnce) {
      this.faults.malformedOnce = false;
      const junk = last ? last.xml.slice(0, Math.floor(last.xml.length / 2)) : '<?xml version="1.0"?>\n<Message><msg:Header>';
      this.writeFile(junk);
      e = { kind: 'wrote', messageNo: last?.messageNo ?? 0, receivedNo: -1, documents: 0, as: 'malformed' };
    } else if (last && this.pick('duplicate')) {
      this.writeFile(last.xml);
      e = { kind: 'wrote', messageNo: last.messageNo, receivedNo: -1, documents: -1, as: 'duplicate' };
    } else if (s.replies.length > 1 && this.pick('reorder')) {
      const older = s.replies[s.replies.length - 2]!;
      this.writeFile(older.xml);
      e = { kind: 'wrote', messageNo: older.messageNo, receivedNo: -1, documents: -1, as: 'reorder' };
    } else {
      const no = ++s.sentNo;
      const documents: ReplyDocument[] = [];
      for (const ref of Object.keys(s.unacked)) {
        const ent = s.entities[ref];
        if (!ent) continue;
        if (s.ourReceiving && !s.ourReceiving.includes(ENTITY_SETS[ent.set])) {
          delete s.unacked[ref]; // like 1С: a type the other side does not receive counts as delivered
          continue;
        }
        s.unacked[ref] = no;
        const cp = s.entities[String(ent.fields['Контрагент_Key'] ?? '')];
        const str = (v: unknown) => (v == null ? '' : String(v));
        documents.push({
          type: ENTITY_SETS[ent.set] as EdType,
          ref,
          number: String(ent.fields['Number']),
          date: String(ent.fields['Date']),
          org: ent.org,
          counterparty: cp && { ref: str(cp.fields['Ref_Key']), name: str(cp.fields['Description']), inn: str(cp.fields['ИНН']), kpp: str(cp.fields['КПП']), legal: str(cp.fields['ЮридическоеФизическоеЛицо']) },
          amount: Number(ent.fields['СуммаДокумента'] ?? 0).toFixed(2),
        });
      }
      const receivedNo = this.pick('dropAcks') ? s.reportedReceivedNo : s.receivedNo;
      s.reportedReceivedNo = receivedNo;
      const xml = buildMessage({
        version: s.formatVersion ?? this.opts.formatVersion, from: this.opts.peerCode, to: this.opts.ourCode,
        messageNo: no, receivedNo, creationDate: onecDate(this.now()), documents,
      });
      this.writeFile(xml);
      s.replies.push({ messageNo: no, xml });
      if (s.replies.length > 3) s.replies.splice(0, s.replies.length - 3);
      s.needWrite = false;
      s.lastWriteAt = this.now();
      e = { kind: 'wrote', messageNo: no, receivedNo, documents: documents.length, as: 'new' };
    }
    this.emit(e);
    return e;
  }

  // ── Control API (tests and the CLI): our document Ref_Key identifies the document ──

  /** The peer's copy of an object (OData fields), by our Ref_Key / Ссылка. */
  entity(ref: string): Record<string, unknown> | undefined {
    return this.state.entities[ref]?.fields;
  }

  entities(set: EntitySet): Record<string, unknown>[] {
    return Object.values(this.state.entities).filter((e) => e.set === set).map((e) => e.fields);
  }

  /** The ЭДО record of a document (made on demand), after the script steps that are due. */
  edo(ref: string): EdoRecord {
    const ent = this.state.entities[ref];
    if (!ent) throw new Error(`peer has no document ${ref}`);
    advanceEdo(this.state, this.scriptOf, this.now());
    return ensureEdo(this.state, ref, ent.set, ent.fields, this.now());
  }

  private manual(ref: string, step: Omit<EdoStep, 'afterMs'>, at?: Date): EdoRecord {
    const rec = this.edo(ref);
    manualEdo(rec, step, at ? at.getTime() : this.now());
    this.save();
    return rec;
  }

  send(ref: string, at?: Date): EdoRecord {
    return this.manual(ref, { state: EDO_STATES.awaitingConfirmation, send: true }, at);
  }

  sign(ref: string, at?: Date): EdoRecord {
    return this.manual(ref, { state: EDO_STATES.done, send: true, sign: true }, at);
  }

  reject(ref: string, reason: string, at?: Date): EdoRecord {
    return this.manual(ref, { state: EDO_STATES.rejected, send: true, reason }, at);
  }

  annul(ref: string, at?: Date): EdoRecord {
    return this.manual(ref, { state: EDO_STATES.annulled }, at);
  }

  /** Any state string, known or not (e.g. one the product has never seen). */
  setState(ref: string, state: string, reason?: string, at?: Date): EdoRecord {
    return this.manual(ref, { state, reason }, at);
  }

  /** Replaces the script of one document; its steps count from the document's ЭДО start. */
  setScript(ref: string, steps: EdoStep[]): void {
    const rec = this.edo(ref);
    rec.script = steps;
    rec.step = 0;
    this.save();
  }

  /** Counters of the folder exchange. */
  get numbers(): Pick<CoreState, 'sentNo' | 'receivedNo' | 'ackedByThem' | 'reportedReceivedNo'> {
    const { sentNo, receivedNo, ackedByThem, reportedReceivedNo } = this.state;
    return { sentNo, receivedNo, ackedByThem, reportedReceivedNo };
  }
}
