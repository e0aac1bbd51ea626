// USR files (`cons.exe /usr` reports) written as real installations write them: the demo's sample files, and the tests' and bench's generated ones.
import iconv from 'iconv-lite';

export interface GenKit {
  /** System code as the element name writes it (`SKJP`). */
  code: string;
  /** The КЦ's system number after the `_` (`SKJP_1`); null writes the element without a number. */
  number: number | null;
  distr: number;
  comp?: number;
  netCount?: number;
  userType?: string;
  technolType?: string;
}

export interface GenBank {
  code: string;
  name?: string;
  /** The kit the bank belongs to (its nDistr/nComp); omitted = the file's first kit. */
  distr?: number;
  comp?: number;
  /** Update dates, YYYY-MM-DD, in any order. */
  updates: string[];
  docs?: number;
}

export interface GenUsr {
  formatVersion?: number;
  ric?: number;
  /** The file's own date (`files/USR_FILE@date`), YYYY-MM-DD; omitted = the newest update date; null = no `files` element. */
  fileDate?: string | null;
  fileTime?: string;
  kits: GenKit[];
  banks: GenBank[];
  complect?: string;
  /** Leave out tech_info (an optional part). */
  noTech?: boolean;
  /** windows-1251 (the common case) or utf-8. */
  encoding?: 'windows-1251' | 'utf-8';
  /** Extra bytes inside `tech_info` to reach a realistic size (a long `Processors` list). */
  padding?: number;
}

const dot = (d: string) => d.replace(/-/g, '.');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The file's text (before encoding). */
export function usrXml(g: GenUsr): string {
  const enc = g.encoding ?? 'windows-1251';
  const all = g.banks.flatMap((b) => b.updates).sort();
  const newest = all[all.length - 1] ?? '2026.01.01';
  const fileDate = g.fileDate === undefined ? newest : g.fileDate;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="${enc}"?>`, '<user_info>');
  out.push(`  <format_version>${g.formatVersion ?? 5}</format_version>`, `  <ric>${g.ric ?? 20}</ric>`);
  out.push('  <res_version>4018.00.05</res_version>', '  <cons_exe_version>4018.00.12</cons_exe_version>', '  <kd_version>KD 4018</kd_version>');
  out.push(`  <complect>${esc(g.complect ?? 'Сетевая версия')}</complect>`);
  if (!g.noTech) {
    out.push('  <tech_info>');
    out.push('    <Processors><Name>Intel(R) Core(TM) i5-10400</Name><Frequency>2.90 GHz</Frequency><AllCore>6</AllCore></Processors>');
    if (g.padding) out.push(`    <Comment>${'Лицензия '.repeat(Math.ceil(g.padding / 9)).slice(0, g.padding)}</Comment>`);
    out.push('    <RAM>16384</RAM>');
    out.push('    <OS><Name>Windows 10 Pro</Name><Version Major="10" Minor="0"/><Build>19045</Build><PlatformID>2</PlatformID><Edition>Professional</Edition><Capacity>64</Capacity><LangUI>ru-RU</LangUI></OS>');
    out.push('    <Office>Microsoft Office 2016</Office><Browser>Яндекс.Браузер</Browser><MailAgent>Outlook</MailAgent>');
    out.push('    <DiskFreeSpace>120400</DiskFreeSpace><FileSystem>NTFS</FileSystem>', '    <Users OD="1" UD="0" TS="0" VM="0"/>');
    out.push('  </tech_info>');
  }
  if (fileDate !== null) {
    out.push('  <files>');
    out.push(`    <USR_FILE date="${dot(fileDate)}" time="${g.fileTime ?? '10:15:02'}" kind="auto" uptime="3600"/>`);
    out.push(`    <info.cod date="${dot(fileDate)}" time="10:14:40"/>`);
    out.push('  </files>');
  }
  out.push('  <package>');
  for (const k of g.kits) {
    const el = k.number == null ? k.code : `${k.code}_${k.number}`;
    out.push(
      `    <${el} distr="${k.distr}" comp="${k.comp ?? 1}" ric="${g.ric ?? 20}" netCount="${k.netCount ?? 1}" userType="${k.userType ?? 'LOC'}" technolType="${k.technolType ?? 'LOC'}" format="5"/>`,
    );
  }
  out.push('  </package>', '  <ib>');
  for (const b of g.banks) {
    const kit = g.kits[0];
    const distr = b.distr ?? kit?.distr ?? 0;
    const comp = b.comp ?? kit?.comp ?? 1;
    out.push(`    <${b.code} nDistr="${distr}" nComp="${comp}" directory="${b.code}" name="${esc(b.name ?? b.code)}" nCat="12" nTexts="1123" compliance="ok">`);
    out.push('      <updates>');
    b.updates.forEach((d, i) => {
      out.push(`        <u${i} date="${dot(d)}" time="08:0${i % 10}:00" sysdate="${dot(d)}" docs="${(b.docs ?? 100) + i}" kind="INET"/>`);
    });
    out.push('      </updates>', `    </${b.code}>`);
  }
  out.push('  </ib>', '</user_info>', '');
  return out.join('\r\n');
}

/** The file's bytes in its declared encoding. */
export function usrBytes(g: GenUsr): Buffer {
  return iconv.encode(usrXml(g), g.encoding ?? 'windows-1251');
}

/** The name an installation gives it: `CONS#<system number>_<distr>.usr`. */
export function usrName(g: GenUsr, suffix = ''): string {
  const k = g.kits[0];
  return `CONS#${k?.number ?? 0}_${String(k?.distr ?? 0).padStart(6, '0')}${suffix}.usr`;
}

/** Consecutive dates ending at `last` (YYYY-MM-DD), `count` of them, `stepDays` apart. */
export function updateDates(last: string, count: number, stepDays = 7): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * stepDays * 86_400_000).toISOString().slice(0, 10));
}
