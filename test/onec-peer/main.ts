// Command line of the 1С peer: `npm run onec-peer -- --dir D` (folder) and/or `--port P` (OData); runs until Ctrl+C.
import { parseArgs } from 'node:util';
import { signingScript } from './edo';
import { OneCPeer, type OneCPeerOptions } from './peer';

const USAGE = `Usage: npm run onec-peer -- [--dir D] [--port P] [options]
  --dir D               exchange folder (EnterpriseData messages Message_<our>_<peer>.xml|zip)
  --port P              serve OData at http://HOST:P/<base>/odata/standard.odata (0 = any free port)
  --state-dir S         where onec-peer-state.json lives (default: --dir; none → in memory)
  --our CODE            our node code (default CRM)        --peer CODE   the peer's code (default BP)
  --base NAME           publication name (default bp)      --host H      (default 127.0.0.1)
  --user U --password P Basic auth (default odata/odata)
  --refuse-eq FIELD     answer 400 to $filter=FIELD eq '…' (repeatable, e.g. ИНН)
  --zip --bom           write replies zipped / with a UTF-8 BOM as real 1С does
  --number-prefix P     document number prefix (default БП-)
  --sign-after-ms N     ЭДО script: sent at once, signed N ms later (default: stays ОжидаетсяОтправка)
  --poll-ms N --resend-ms N --seed N
  --forget-last N       restart with a gap: forget the last N received messages
  --validate-xsd        refuse messages that fail test/onec-peer/schema (needs xmllint)
  faults: --drop-acks F --drop-acks-next K --duplicate F --duplicate-next K --reorder F --reorder-next K
          --reject KEY (repeatable) --slow-ms N --malformed-once`;

const { values: v } = parseArgs({
  options: {
    dir: { type: 'string' }, port: { type: 'string' }, 'state-dir': { type: 'string' },
    our: { type: 'string' }, peer: { type: 'string' }, base: { type: 'string' }, host: { type: 'string' },
    user: { type: 'string' }, password: { type: 'string' }, 'refuse-eq': { type: 'string', multiple: true },
    zip: { type: 'boolean' }, bom: { type: 'boolean' }, 'number-prefix': { type: 'string' },
    'sign-after-ms': { type: 'string' }, 'poll-ms': { type: 'string' }, 'resend-ms': { type: 'string' },
    seed: { type: 'string' }, 'forget-last': { type: 'string' },
    'drop-acks': { type: 'string' }, 'drop-acks-next': { type: 'string' }, duplicate: { type: 'string' },
    'duplicate-next': { type: 'string' }, reorder: { type: 'string' }, 'reorder-next': { type: 'string' },
    reject: { type: 'string', multiple: true }, 'slow-ms': { type: 'string' }, 'malformed-once': { type: 'boolean' },
    'validate-xsd': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  },
});

const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) {
    console.error(`not a number: ${s}`);
    process.exit(2);
  }
  return n;
};

if (v.help || (v.dir === undefined && v.port === undefined)) {
  console.log(USAGE);
  process.exit(v.help ? 0 : 2);
}

const signAfter = num(v['sign-after-ms']);
const opts: OneCPeerOptions = {
  dir: v.dir, port: num(v.port), stateDir: v['state-dir'], ourCode: v.our, peerCode: v.peer, base: v.base, host: v.host,
  user: v.user, password: v.password, refuseEqFilterOn: v['refuse-eq'], zip: v.zip, bom: v.bom,
  numberPrefix: v['number-prefix'], edoScript: signAfter === undefined ? undefined : signingScript(signAfter),
  pollMs: num(v['poll-ms']), resendMs: num(v['resend-ms']), seed: num(v.seed), forgetLast: num(v['forget-last']),
  faults: {
    dropAcks: num(v['drop-acks']), dropAcksNext: num(v['drop-acks-next']), duplicate: num(v.duplicate),
    duplicateNext: num(v['duplicate-next']), reorder: num(v.reorder), reorderNext: num(v['reorder-next']),
    rejectKeys: v.reject, slowMs: num(v['slow-ms']), malformedOnce: v['malformed-once'],
  },
  validateXsd: v['validate-xsd'],
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
};

const peer = new OneCPeer(opts);
const { url } = await peer.start();
if (v.dir) console.log(`1С peer: folder ${v.dir}, reads Message_${peer.opts.ourCode}_${peer.opts.peerCode}, writes Message_${peer.opts.peerCode}_${peer.opts.ourCode}`);
if (url) console.log(`1С peer: OData at ${url} (user ${peer.opts.user})`);
const shutdown = () => void peer.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
