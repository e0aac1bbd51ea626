// Constructor options, fault switches and events of the 1С peer.
import type { EdoStep } from './state';

export interface PeerFaults {
  /** Fraction (0..1) of new replies whose ReceivedNo is held back (the acknowledgement is lost). */
  dropAcks?: number;
  /** The next K new replies hold back ReceivedNo. */
  dropAcksNext?: number;
  /** Fraction of write turns that write the last reply again instead of a new one. */
  duplicate?: number;
  duplicateNext?: number;
  /** Fraction of write turns that write an older reply (the one before the last) instead of a new one. */
  reorder?: number;
  reorderNext?: number;
  /** Document keys (our Ссылка) 1С refuses to load: no number, no ЭДО, not reported back. */
  rejectKeys?: string[];
  /** Delay before each reply file and each HTTP answer. */
  slowMs?: number;
  /** The next write turn writes a truncated, malformed reply once. */
  malformedOnce?: boolean;
}

export interface OneCPeerOptions {
  /** Exchange folder (folder transport). */
  dir?: string;
  /** Where the state JSON lives; default `dir`; neither → state in memory only. */
  stateDir?: string;
  /** Our node code (sender of `Message_<ourCode>_<peerCode>`). */
  ourCode?: string;
  peerCode?: string;
  /** OData port (0 = any free port); absent → no HTTP server. */
  port?: number;
  host?: string;
  /** Publication name: `/<base>/odata/standard.odata/…`. */
  base?: string;
  user?: string;
  password?: string;
  /** Fields for which `$filter=<field> eq '…'` answers 400 (some real setups), e.g. ['ИНН']. */
  refuseEqFilterOn?: string[];
  /** Write replies zipped / with a UTF-8 BOM, as real 1С usually does. */
  zip?: boolean;
  bom?: boolean;
  formatVersion?: string;
  numberPrefix?: string;
  numberStart?: number;
  seed?: number;
  /** Folder poll interval after start(). */
  pollMs?: number;
  /** Unacknowledged replies are written again (new MessageNo) after this long without an exchange. */
  resendMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** ЭДО steps applied to every new document (default: none — it waits in ОжидаетсяОтправка). */
  edoScript?: EdoStep[];
  /** ЭДО steps for particular documents (our Ref_Key → steps), before or after they arrive. */
  edoScripts?: Record<string, EdoStep[]>;
  /** Make an outgoing ЭДО document for every received or created document (default true). */
  autoEdo?: boolean;
  /** How many pre-message snapshots are kept for a restart with a gap (default 5). */
  historyDepth?: number;
  /** Restart «with a gap»: forget the last N received messages (as if 1С was restored from a backup). */
  forgetLast?: number;
  faults?: PeerFaults;
  /** Refuse incoming messages that fail the schema in ./schema (needs xmllint). */
  validateXsd?: boolean;
  log?: (line: string) => void;
}

export type PeerEvent =
  | { kind: 'received'; messageNo: number; created: number; updated: number; unchanged: number; rejected: string[] }
  | { kind: 'duplicate'; messageNo: number }
  | { kind: 'error'; message: string }
  | { kind: 'wrote'; messageNo: number; receivedNo: number; documents: number; as: 'new' | 'duplicate' | 'reorder' | 'malformed' };

export interface RoundResult {
  received?: Extract<PeerEvent, { kind: 'received' | 'duplicate' }>;
  wrote?: Extract<PeerEvent, { kind: 'wrote' }>;
  error?: string;
}
