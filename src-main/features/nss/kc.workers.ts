// Worker task kind of the monthly НСС report to the КЦ: the preview of a big month built off the event loop.
import { registerTask } from '../../workers/registry';
import type { NssKcPreview } from '../../../src-shared/nss';
import type { NssKcPreviewInput } from './kc.task';
import type { NssKcBuildInput } from './kc.build.task';
import type { NssKcBuilt } from './kc.build';

/** 100,000 clients take seconds on a busy machine: the budget is generous, the input a few hundred bytes. */
export const nssKcPreviewTask = registerTask<NssKcPreviewInput, NssKcPreview>({
  kind: 'nss.kcPreview',
  module: 'src-main/features/nss/kc.task',
  limits: { maxInputBytes: 16 * 1024, timeoutMs: 120_000 },
});

/** The whole report for the save: the file (up to tens of MB at 100,000 clients) comes back, the input is a few bytes. */
export const nssKcBuildTask = registerTask<NssKcBuildInput, NssKcBuilt>({
  kind: 'nss.kcBuild',
  module: 'src-main/features/nss/kc.build.task',
  limits: { maxInputBytes: 16 * 1024, timeoutMs: 120_000 },
});
