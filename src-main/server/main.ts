// Server host entry: `npm run serve -- --db <file> [--port 4780] [--host 127.0.0.1] [--trusted-proxy <ip>]... [--demo]`.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { DatabaseBusyError } from '../db/holder';
import { createHttpServer } from './http';
import { loadDemo } from '../demo/demo';
import { queueDemoUsr } from '../demo/usr';
import { queueDemoGlavbukhList } from '../demo/glavbukh-list';
import { startMailJobs } from '../jobs/runner';
import { startEdoJobs } from '../jobs/edo.job';
import { startBackupJob } from '../jobs/backup.job';
import { startImportJob } from '../jobs/imports.job';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    // CRM_PORT lets scripts and tests run the README's commands on another port (0 = any free one).
    port: { type: 'string', default: process.env.CRM_PORT || '4780' },
    host: { type: 'string', default: '127.0.0.1' },
    demo: { type: 'boolean', default: false },
    static: { type: 'string' },
    // A reverse proxy in front of the server (repeat for several): X-Forwarded-For is read only from these.
    'trusted-proxy': { type: 'string', multiple: true, default: [] },
  },
});

if (!values.db) {
  console.error('Usage: npm run serve -- --db <file> [--port 4780] [--host 127.0.0.1] [--trusted-proxy <ip>]... [--demo]');
  process.exit(2);
}

const trustedProxies = values['trusted-proxy'];
const badProxy = trustedProxies.find((ip) => !net.isIP(ip));
if (badProxy) {
  console.error(`--trusted-proxy needs an IP address, not "${badProxy}".`);
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = values.static ?? path.resolve(here, '../../dist/renderer');
if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
  console.warn(`The screens are not built (${staticDir} is empty): run \`npm run build:renderer\` for the browser UI. The API works without it.`);
}
let core: ReturnType<typeof createCore>;
try {
  core = createCore({ dbPath: values.db });
} catch (err) {
  // A restore holds the database exclusively (src-main/db/holder.ts): say so instead of a stack trace.
  if (err instanceof DatabaseBusyError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

if (values.demo) {
  const loaded = await loadDemo(core.db, { pool: core.pool });
  // The USR files go through the import job started below, as a СИО's upload would.
  // So does the КЦ's certified list, which then waits on «Импорт» for the head's review.
  if (loaded) {
    queueDemoUsr(core.db, new Date());
    queueDemoGlavbukhList(core.db, new Date());
  }
  console.log(loaded ? 'Demo data loaded.' : 'Database is not empty: demo data not loaded again.');
}
const needsSetup = (core.db.$client.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number }).n === 0;

const server = createHttpServer(core, { staticDir, trustedProxies });
server.listen(Number(values.port), values.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : values.port;
  console.log(`РИЦ CRM server: http://${values.host}:${port}/  (database ${path.resolve(values.db!)})`);
  if (needsSetup) console.log('No employees yet: open the address above to create the administrator, or use `npm run cli -- user add`.');
});

// The server reads the mailboxes (in connected mode the desktop apps never do, so one process owns each).
const mailJobs = startMailJobs(core);
// Scheduled backups (settings in «Настройки → Резервные копии»), made on a worker thread.
const backupJob = startBackupJob({ db: core.db, publish: core.bus.publish });

// Imports: queued batches (uploads from the screens) and the watched folders of «Настройки → Импорт».
const importJob = startImportJob(core, { watchFolders: true });

// The exchange with 1С (ЭДО): one loop per enabled connection, «Настройки → 1С и ЭДО».
const edoJobs = startEdoJobs(core);

const stop = () => {
  server.close();
  void Promise.all([mailJobs.stop(), backupJob.stop(), importJob.stop(), edoJobs.stop()]).finally(() => {
    void core.close().finally(() => process.exit(0));
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
