// Worker task `mail.parse`: one untrusted message decoded and classified on a pool thread (see mail.workers.ts for its budgets).
import { classify, decodeMail, type Classification, type DecodedMail, type RuleDef } from './parse';

export interface MailParseInput {
  raw: Uint8Array;
  rules: RuleDef[];
}

export interface MailParseOutput {
  decoded: DecodedMail;
  cls: Classification;
}

/** A body kept for the screen is cut here; classification has already read all of it. */
const MAX_TEXT = 1_000_000;

export async function run(input: MailParseInput): Promise<MailParseOutput> {
  const raw = Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength);
  const decoded = await decodeMail(raw);
  const cls = classify(decoded, input.rules);
  decoded.texts = decoded.texts.map((t) => (t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t));
  return { decoded, cls };
}
