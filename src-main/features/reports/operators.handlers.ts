// Handlers of the report «Операторы чата»: the screen rows, the drill-down to sessions, and the XLSX of the same rows built on the worker pool.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { ricTimeZone, type Ctx } from '../../api/context';
import { formatDate } from '../../../src-shared/format';
import type { PrintedFile } from '../../../src-shared/doc-types';
import { writeOutput } from '../print/files';
import { operatorReport, operatorSessions, type OperatorPeriod } from './operators.query';
import { operatorsExportTask } from './operators.workers';

type Printed = { files: string[]; details: PrintedFile[] };

async function exported(ctx: Ctx, period: OperatorPeriod): Promise<Printed> {
  const dbFile = ctx.db.$client.name;
  if (!dbFile || dbFile === ':memory:' || ctx.db.$client.memory) throw new Error('exports need a database file');
  const { bytes } = await ctx.offload(operatorsExportTask, { dbFile, period: { from: period.from, to: period.to }, today: ctx.today() });
  const name = `Операторы чата ${formatDate(period.from)}–${formatDate(period.to)}.xlsx`;
  const file = writeOutput(ctx.db, ctx.me.id, `chat-operators-${period.from}-${period.to}`, 'xlsx', bytes, name, null);
  return { files: [file.path], details: [file] };
}

export const operatorsHandlers: HandlerMap<'reports.chatOperators' | 'reports.chatOperatorSessions' | 'reports.chatOperatorsXlsx'> = {
  'reports.chatOperators': (input, ctx) => operatorReport(ctx.db, input, ricTimeZone(ctx.db)),
  'reports.chatOperatorSessions': (input, ctx) => {
    const { limit, offset, ...p } = input;
    return operatorSessions(ctx.db, p, ricTimeZone(ctx.db), limit, offset);
  },
  'reports.chatOperatorsXlsx': prepared<'reports.chatOperatorsXlsx', Printed>({
    prepare: (input, ctx) => exported(ctx, input),
    run: (_input, _ctx, result) => result,
  }),
};
