// Reliability: kill -9 of `mail sync` at random moments while leads arrive in the test dovecot; afterwards every message has exactly one result.
import path from 'node:path';
import type { Figure, ReliabilityPart } from '../types';
import { prepareDb } from '../support';
import { dovecotUnavailable, startDovecot } from '../../test/mail/dovecot';
import { intakeKillLoop } from '../../test/mail/kill-loop';

export const part: ReliabilityPart = {
  name: 'kill-mail',
  describe: 'a throwaway dovecot on 127.0.0.1; leads APPENDed in bursts while `mail sync` (a child process) is SIGKILLed at random moments and restarted; one last `--once` run',
  async run(ctx) {
    const unavailable = dovecotUnavailable();
    if (unavailable) return [{ figure: 'run', value: unavailable, target: 'dovecot available', met: false }];
    const total = ctx.quick ? 100 : 500;
    const dovecot = await startDovecot();
    const dbPath = path.join(ctx.tmpDir, 'kill-mail.db');
    const { core, adminToken } = await prepareDb(dbPath, 0);
    try {
      const r = await intakeKillLoop({ core, adminToken, dbPath, dovecot, total, unrecognisedEvery: 25, minKills: ctx.quick ? 2 : 8 });
      const integrity = String(core.db.$client.pragma('integrity_check', { simple: true }));
      const lost = total - r.messages;
      const doubled = r.messages - r.distinctMessages + (r.tasks - r.distinctRequests);
      const figures: Figure[] = [
        { figure: 'messages · kills (of them mid-work)', value: `${total} · ${r.kills.length} (${r.midWork})` },
        { figure: 'lost / doubled messages', value: `${lost} / ${doubled}`, target: '0 / 0', met: lost === 0 && doubled === 0 },
        { figure: 'messages without exactly one result', value: String(r.notExactlyOnce), target: '0', met: r.notExactlyOnce === 0 },
        { figure: 'tasks · queued', value: `${r.tasks} · ${r.queue}`, target: `${r.leads} · ${total - r.leads}`, met: r.tasks === r.leads && r.queue === total - r.leads },
        { figure: 'integrity_check · last run exit', value: `${integrity} · ${r.lastExit}`, target: 'ok · 0', met: integrity === 'ok' && r.lastExit === 0 },
      ];
      return figures;
    } finally {
      core.close();
      await dovecot.stop();
    }
  },
};
