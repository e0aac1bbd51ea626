// What a mail parse produces and how rules' patterns compile: shared by the parser (on a pool thread) and the main thread, which never loads the parser.
import type { MailFields, MailField, QueueReason, RuleKind } from '../../../src-shared/mail-types';

export interface DecodedMail {
  /** The Message-ID header, or `<sha256 of the source>@no-message-id` when it is missing. */
  messageId: string;
  subject: string | null;
  from: string | null;
  fromName: string | null;
  sentAt: string | null;
  /** The subject, then subjects of forwarded messages inside. */
  subjects: string[];
  /** Candidate bodies: the plain part, the HTML part as text, then forwarded messages' bodies. */
  texts: string[];
  /** Why the MIME could not be read, or null. */
  broken: string | null;
}

export interface RuleDef {
  id: number;
  kind: RuleKind;
  name: string;
  sort: number;
  enabled: boolean;
  subjectPatterns: string[];
  typePatterns: string[];
  labels: Partial<Record<MailField, string[]>>;
  requireAny: MailField[];
}

export type Classification =
  | { matched: true; rule: RuleDef; kind: RuleKind; requestNumber: string | null; fields: MailFields }
  | { matched: false; reason: QueueReason; rule: RuleDef | null; kind: RuleKind | null; requestNumber: string | null; fields: MailFields };

/** The readable body shown on screen: the first candidate. */
export function bodyText(d: DecodedMail): string {
  return d.texts[0] ?? '';
}

/** A rule's pattern as a regular expression (case-insensitive, Unicode), or null when it does not compile. */
export function compilePattern(p: string): RegExp | null {
  try {
    return new RegExp(p, 'iu');
  } catch {
    return null;
  }
}
