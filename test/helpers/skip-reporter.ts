// Vitest reporter used by `npm test` (scripts/test.sh): writes every skipped or todo test, with why, to the file in CRM_SKIP_REPORT.
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const WHY: Record<string, string> = {
  skip: 'skipped (.skip, skipIf/runIf, or .only elsewhere)',
  todo: 'todo',
  run: 'skipped at run time (ctx.skip)',
  only: 'skipped',
};

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const out = process.env.CRM_SKIP_REPORT;
    if (!out) return;
    const lines: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state !== 'skipped') continue;
        const why = WHY[t.options.mode] ?? 'skipped';
        lines.push(`${path.relative(process.cwd(), m.moduleId)} > ${t.fullName}: ${why}${r.note ? ` — ${r.note}` : ''}`);
      }
    }
    if (lines.length) fs.appendFileSync(out, `${lines.join('\n')}\n`);
  }
}
