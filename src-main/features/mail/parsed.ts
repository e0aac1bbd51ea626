// What a mail parse produces and how rules' patterns compile: shared by the parser (on a pool thread) and the main thread, which never loads the parser.
import type { MailFields, MailRuleRow, QueueReason, RuleKind } from '../../../src-shared/mail-types';

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

/** A rule as the parser applies it: the stored row without its bookkeeping. */
export type RuleDef = Omit<MailRuleRow, 'updatedAt'>;

export type Classification =
  | { matched: true; rule: RuleDef; kind: RuleKind; requestNumber: string | null; fields: MailFields }
  | { matched: false; reason: QueueReason; rule: RuleDef | null; kind: RuleKind | null; requestNumber: string | null; fields: MailFields };

/** A result with nothing read yet (the parser fills it in; a message over budget stays so). */
export function blankDecoded(messageId: string, broken: string | null = null): DecodedMail {
  return { messageId, subject: null, from: null, fromName: null, sentAt: null, subjects: [], texts: [], broken };
}

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
