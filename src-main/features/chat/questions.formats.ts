// The «Задать вопрос» export as an import format (`chat.questions`): detection, the worker parse task and its budgets, applying.
import iconv from 'iconv-lite';
import { registerFormat } from '../imports/formats';
import type { DirectFormat, ParseInput, ParseOutcome } from '../imports/format';
import { registerTask } from '../../workers/registry';
import type { QuestionRecord } from './questions.parse';
import { applyQuestions } from './questions.apply';

/**
 * A month of a РИЦ's questions is a few megabytes; 64 MiB leaves room for years in one file. Parsing streams at tens
 * of megabytes a second, so twenty seconds means the input is built to be slow.
 */
export const questionsParseTask = registerTask<ParseInput, ParseOutcome<QuestionRecord>>({
  kind: 'chat.questions.parse',
  module: 'src-main/features/chat/questions.parse.task',
  limits: { maxInputBytes: 64 * 1024 * 1024, timeoutMs: 20_000 },
});

/** `<root>` whose first child element is `<quest`, after an optional declaration, comments and whitespace (any case). */
const HEAD = /<root\b[^>]*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*<quest\b/i;

/** The head as text for ASCII markup: UTF-16 decoded; UTF-8 and windows-1251 read as latin1 (the markup is ASCII in both). */
function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return iconv.decode(head, 'utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return iconv.decode(head, 'utf-16be');
  return head.toString('latin1');
}

export const questionsFormat: DirectFormat<QuestionRecord> = registerFormat<DirectFormat<QuestionRecord>>({
  kind: 'chat.questions',
  mode: 'direct',
  detect: (head) => HEAD.test(headText(head)),
  parse: questionsParseTask,
  apply: applyQuestions,
});
