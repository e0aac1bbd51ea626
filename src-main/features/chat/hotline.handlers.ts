// Handlers of hotline.txt: status, the folder on the server host (checked writable), a download and a write on demand.
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../../api/handler';
import { AppError, badField } from '../../api/errors';
import { FILE_STORES, storeDir } from '../../db/file-stores';
import { HOTLINE_FILE_NAME } from '../../../src-shared/hotline';
import { buildHotline, hotlineFolder, hotlineStatus, rebuildHotline, saveHotlineFolder, writeAtomically } from './hotline.repo';

/** The folder must be absolute, outside the file stores, and writable by the server: created if missing, then a probe file written and removed. */
function checkFolder(folder: string, dbFile: string): string {
  if (!path.isAbsolute(folder)) throw badField('folder', 'absolute_path');
  const resolved = path.resolve(folder);
  for (const store of FILE_STORES) {
    const dir = storeDir(dbFile, store);
    if (resolved === dir || resolved.startsWith(dir + path.sep)) throw badField('folder', 'inside_store');
  }
  try {
    fs.mkdirSync(resolved, { recursive: true, mode: 0o755 });
    if (!fs.statSync(resolved).isDirectory()) throw new Error('not a folder');
    const probe = path.join(resolved, `.${HOTLINE_FILE_NAME}.probe`);
    writeAtomically(probe, '');
    fs.rmSync(probe, { force: true });
  } catch {
    throw badField('folder', 'not_writable');
  }
  return resolved;
}

export const hotlineHandlers: HandlerMap<'hotline.status' | 'hotline.saveFolder' | 'hotline.download' | 'hotline.writeNow'> = {
  'hotline.status': (_input, ctx) => hotlineStatus(ctx.db),

  'hotline.saveFolder': (input, ctx) => {
    const before = hotlineFolder(ctx.db);
    const folder = input.folder ? checkFolder(input.folder, ctx.db.$client.name) : null;
    saveHotlineFolder(ctx.db, folder);
    ctx.audit('hotline_settings', null, 'update', { folder: [before, folder] });
    // A new folder gets the file at once; the check also refreshes the warnings shown beside it.
    rebuildHotline(ctx.db, ctx.clock.now());
    ctx.emit('hotline.changed', {});
    return hotlineStatus(ctx.db);
  },

  'hotline.download': (_input, ctx) => {
    const date = ctx.today();
    const file = buildHotline(ctx.db, date);
    return { name: HOTLINE_FILE_NAME, base64: Buffer.from(file.text, 'utf8').toString('base64'), count: file.codes.length, date };
  },

  'hotline.writeNow': (_input, ctx) => {
    if (!hotlineFolder(ctx.db)) throw new AppError('CONFLICT', 'no hotline folder is set', [{ path: 'folder', reason: 'no_folder' }]);
    const r = rebuildHotline(ctx.db, ctx.clock.now(), { force: true });
    ctx.audit('hotline', null, 'write', { outcome: r.outcome, count: r.state.count });
    ctx.emit('hotline.changed', {});
    return hotlineStatus(ctx.db);
  },
};
