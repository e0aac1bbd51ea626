// Handlers of the USR settings and of housekeeping of stored USR files.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { AppError } from '../../api/errors';
import { readUsrSettings, saveUsrSettings } from './settings';
import { purgeCount, purgePlan, purgeRun, usrStorageSummary } from './housekeeping';
import type { UsrPurgeResult } from '../../../src-shared/usr-card';

export const usrSettingsHandlers: HandlerMap<'usr.settings.get' | 'usr.settings.save' | 'usr.housekeeping.summary' | 'usr.housekeeping.plan' | 'usr.housekeeping.run'> = {
  'usr.settings.get': (_input, ctx) => readUsrSettings(ctx.db),
  'usr.settings.save': (input, ctx) => {
    const s = { staleDays: input.staleDays, retentionYears: input.retentionYears };
    saveUsrSettings(ctx.db, s);
    ctx.audit('usr_settings', null, 'save', s);
    return s;
  },
  'usr.housekeeping.summary': (_input, ctx) => usrStorageSummary(ctx.db, readUsrSettings(ctx.db).retentionYears),
  'usr.housekeeping.plan': (_input, ctx) => purgePlan(ctx.db, ctx.today(), readUsrSettings(ctx.db).retentionYears),
  // The removal works in chunks of its own transactions (outside the dispatcher's one); `run` only reports it.
  'usr.housekeeping.run': prepared<'usr.housekeeping.run', UsrPurgeResult>({
    prepare: async (input, ctx) => {
      const { retentionYears } = readUsrSettings(ctx.db);
      const now = purgeCount(ctx.db, ctx.today(), retentionYears);
      if (now !== input.expected) throw new AppError('CONFLICT', 'plan changed', [{ path: 'expected', reason: 'plan_changed' }]);
      return purgeRun(ctx.db, ctx.today(), retentionYears, () => ctx.nowIso());
    },
    run: (_input, ctx, result) => {
      if (result.purged > 0) ctx.audit('usr_files', null, 'purge', result);
      return result;
    },
  }),
};
