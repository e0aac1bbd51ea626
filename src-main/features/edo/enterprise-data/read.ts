// Reading an EnterpriseData message from outside (xml or zip) within limits: the envelope, each Body object, its problems.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import {
  ED_DEFAULT_LIMITS,
  ED_FORMAT_BASE,
  ED_MESSAGE_NS,
  type EdHeader,
  type EdObject,
  type EdProblem,
  type EdReadLimits,
  type EdReadResult,
  type EdRefusal,
} from './model';
import { readEdObject, type EdNode } from './read-objects';
import { isZip, unzipSingleXml } from './unzip';
import { parseEdDateTime } from './values';

class Refused extends Error {
  constructor(
    readonly code: EdRefusal,
    message: string,
  ) {
    super(message);
  }
}

const FORMAT_URI = /^http:\/\/v8\.1c\.ru\/edi\/edi_stnd\/EnterpriseData\/\d{1,2}\.\d{1,3}(?:\.[0-9A-Za-z]{1,10})?$/;

/** Text of bytes: UTF-8 (with or without BOM) or UTF-16 with its BOM; invalid UTF-8 is refused, never guessed. */
function decode(b: Uint8Array): string {
  try {
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(2));
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2));
    const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(start));
  } catch {
    // Bytes that start like XML and break later are a damaged message; anything else is not a message at all.
    const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    const looksXml = b[start] === 0x3c || (b[start] === 0 && b[start + 1] === 0x3c) || (b[start] === 0x3c && b[start + 1] === 0);
    throw new Refused(looksXml ? 'malformed' : 'not_enterprise_data', 'the text is not valid UTF-8 / UTF-16');
  }
}

function leafText(n: EdNode | undefined, name: string): string | null {
  const c = n?.children.find((x) => x.name === name);
  const t = c?.text.trim();
  return t ? t : null;
}

function count(n: EdNode | undefined, name: string): number {
  const t = leafText(n, name);
  if (t == null || !/^\d{1,15}$/.test(t)) throw new Refused('malformed', `header: ${name} is not a number`);
  return Number(t);
}

/** The header, checked whole: a message whose header we cannot trust is refused entirely. */
function readHeader(h: EdNode): EdHeader {
  const format = leafText(h, 'Format');
  if (format == null || !FORMAT_URI.test(format)) throw new Refused('not_enterprise_data', 'header: Format is not an EnterpriseData URI');
  const created = leafText(h, 'CreationDate');
  const creationDate = created ? parseEdDateTime(created.replace(/(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, '')) : null;
  if (creationDate == null || creationDate === 'empty') throw new Refused('malformed', 'header: CreationDate');
  const conf = h.children.find((c) => c.name === 'Confirmation');
  if (!conf) throw new Refused('malformed', 'header: no Confirmation');
  const node = (name: string) => {
    const v = leafText(conf, name);
    if (v == null || v.length > 200) throw new Refused('malformed', `header: ${name}`);
    return v;
  };
  const availableVersions = h.children.filter((c) => c.name === 'AvailableVersion').map((c) => c.text.trim().slice(0, 20)).filter((v) => v !== '');
  return {
    format,
    creationDate,
    exchangePlan: node('ExchangePlan'),
    to: node('To'),
    from: node('From'),
    messageNo: count(conf, 'MessageNo'),
    receivedNo: leafText(conf, 'ReceivedNo') == null ? 0 : count(conf, 'ReceivedNo'),
    availableVersions: availableVersions.slice(0, 100),
  };
}

function parseXml(xml: string, lim: EdReadLimits): EdReadResult {
  const problems: EdProblem[] = [];
  const objects: EdObject[] = [];
  let header: EdHeader | null = null;
  let bodyNs: string | null = null;
  /** Open elements: [0] Message, [1] Header/Body, [2] a Body object, … */
  let depth = 0;
  let elements = 0;
  let section: 'header' | 'body' | 'other' | null = null;
  /** The subtree being collected (the header, or the current Body object) and its open nodes. */
  let stack: EdNode[] = [];
  let objectElements = 0;
  let index = 0;
  let sawRoot = false;

  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('error', (err) => {
    throw new Refused(sawRoot ? 'malformed' : 'not_enterprise_data', `xml: ${err.message.slice(0, 120)}`);
  });
  parser.on('doctype', () => {
    throw new Refused('doctype', 'a DOCTYPE is not allowed');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth > lim.maxDepth) throw new Refused('limit', `nesting deeper than ${lim.maxDepth}`);
    if (++elements > lim.maxElements) throw new Refused('limit', `more than ${lim.maxElements} elements`);
    let attrLen = 0;
    for (const k in tag.attributes) attrLen += tag.attributes[k]!.value.length;
    if (attrLen > lim.maxTextLength) throw new Refused('limit', 'attributes too long');
    if (depth === 1) {
      if (tag.local !== 'Message' || (tag.uri !== '' && tag.uri !== ED_MESSAGE_NS)) throw new Refused('not_enterprise_data', 'the root is not an exchange Message');
      sawRoot = true;
      return;
    }
    if (depth === 2) {
      if (tag.local === 'Header' && tag.uri === ED_MESSAGE_NS) {
        if (header || section === 'body') throw new Refused('malformed', 'Header out of place');
        section = 'header';
        stack = [{ name: 'Header', text: '', children: [] }];
      } else if (tag.local === 'Body') {
        if (!header) throw new Refused('malformed', 'Body before Header');
        if (!tag.uri.startsWith(ED_FORMAT_BASE)) throw new Refused('not_enterprise_data', 'Body is not in the EnterpriseData namespace');
        if (tag.uri !== header.format) throw new Refused('malformed', 'Body namespace differs from Format');
        if (bodyNs != null) throw new Refused('malformed', 'two Body elements');
        bodyNs = tag.uri;
        section = 'body';
      } else section = 'other';
      return;
    }
    if (section === 'other') return;
    if (section === 'body' && depth === 3) {
      if (++index > lim.maxObjects) throw new Refused('limit', `more than ${lim.maxObjects} objects`);
      objectElements = 0;
      stack = [];
    }
    if (section === 'body' && ++objectElements > lim.maxObjectElements) throw new Refused('limit', `an object of more than ${lim.maxObjectElements} elements`);
    if (section === 'header' && stack.length > 0 && ++objectElements > 1000) throw new Refused('limit', 'header too large');
    const n: EdNode = { name: tag.local, text: '', children: [] };
    stack[stack.length - 1]?.children.push(n);
    stack.push(n);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (t.length > lim.maxTextLength) throw new Refused('limit', `a text longer than ${lim.maxTextLength}`);
    if (!top || depth < 2 || section === 'other') return;
    if (top.text.length + t.length > lim.maxTextLength) throw new Refused('limit', `a text longer than ${lim.maxTextLength}`);
    top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (depth === 2 && section === 'header') {
      header = readHeader(stack[0]!);
      stack = [];
    } else if (depth >= 3 && section !== 'other') {
      const n = stack.pop()!;
      if (section === 'body' && depth === 3) {
        const i = index - 1;
        const out = readEdObject(n);
        if (out.object) objects.push(out.object);
        if (out.problem) problems.push({ index: i, type: n.name.slice(0, 200), ...out.problem });
      }
    }
    if (depth === 2) section = null;
    depth--;
  });

  try {
    // Fed in pieces so a limit stops the parse near where it is passed, not after the whole text.
    const STEP = 1 << 20;
    for (let i = 0; i < xml.length; i += STEP) parser.write(xml.slice(i, i + STEP));
    parser.close();
  } catch (err) {
    if (err instanceof Refused) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
  if (!sawRoot) return { ok: false, code: 'not_enterprise_data', message: 'no root element' };
  if (!header) return { ok: false, code: 'malformed', message: 'no Header' };
  return { ok: true, message: { header, objects }, problems };
}

/**
 * Reads a message file as given (xml, or a zip holding one xml — told apart by their first bytes). Refuses the whole
 * message when it is too large, not XML, has a DOCTYPE, passes a limit or has a bad header; a bad Body object is
 * skipped and listed in `problems`, an object of a type we do not know is kept as `unknown` and listed too.
 */
export function readEdMessage(bytes: Uint8Array, limits: Partial<EdReadLimits> = {}): EdReadResult {
  const lim: EdReadLimits = { ...ED_DEFAULT_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) return { ok: false, code: 'too_large', message: `more than ${lim.maxBytes} bytes` };
  let xmlBytes = bytes;
  if (isZip(bytes)) {
    const z = unzipSingleXml(bytes, lim.maxXmlBytes);
    if (!z.ok) return { ok: false, code: z.code, message: z.message };
    xmlBytes = z.bytes;
  }
  if (xmlBytes.length > lim.maxXmlBytes) return { ok: false, code: 'too_large', message: `xml of more than ${lim.maxXmlBytes} bytes` };
  let xml: string;
  try {
    xml = decode(xmlBytes);
  } catch (err) {
    if (err instanceof Refused) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
  if (!/^\s*</.test(xml.slice(0, 1024))) return { ok: false, code: 'not_enterprise_data', message: 'not XML' };
  return parseXml(xml, lim);
}
