// The mail feature's worker task kinds: parsing an untrusted message, within a size and a time budget.
import { registerTask } from '../../workers/registry';
import type { MailParseInput, MailParseOutput } from './parse.task';

/**
 * КЦ letters are a few kilobytes; 25 MB is what mail servers commonly accept at all. A normal message parses in
 * milliseconds and a 25 MB one in about a second, so ten seconds means the input is built to be slow.
 */
export const mailParseTask = registerTask<MailParseInput, MailParseOutput>({
  kind: 'mail.parse',
  module: 'src-main/features/mail/parse.task',
  // The size counts the message and the rules sent with it (a few kilobytes).
  limits: { maxInputBytes: 26 * 1024 * 1024, timeoutMs: 10_000 },
});
