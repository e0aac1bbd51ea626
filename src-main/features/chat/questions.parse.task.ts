// Worker task `chat.questions.parse`: one untrusted «Задать вопрос» export parsed on a pool thread (budgets in questions.formats.ts).
import type { ParseInput, ParseOutcome } from '../imports/format';
import { parseQuestions, type QuestionRecord } from './questions.parse';

export function run(input: ParseInput): ParseOutcome<QuestionRecord> {
  return parseQuestions(input.bytes);
}
