import type { HeaderField } from '../../input/model.js';
import { splitHeaders } from '../../input/split-headers.js';
import { decodeBody } from './decode.js';

/**
 * A small MIME walk (RFC 2045/2046), just enough to find the parts of a bounce: boundary split, part headers,
 * message/rfc822 bodies parsed as messages. Tolerant: a missing closing boundary ends the part at the end of the text;
 * depth and part counts are capped; nothing here throws on malformed input.
 */

export interface ContentType {
  /** `type/subtype`, lower-cased; `text/plain` when absent (RFC 2045 §5.2). */
  type: string;
  /** Parameters with lower-cased names, unquoted values. */
  params: Record<string, string>;
}

export interface MimePart {
  fields: HeaderField[];
  contentType: ContentType;
  /** The raw text of the part body (not transfer-decoded). */
  body: string;
  /** Sub-parts of a multipart, or the single embedded message of a message/rfc822 part. */
  children: MimePart[];
  /** For the root of an embedded message (message/rfc822 body): its raw header block. */
  headerText?: string;
  parent?: MimePart;
}

const MAX_DEPTH = 6;
const MAX_PARTS = 300;

export function parseContentType(value: string | undefined): ContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase() || 'text/plain';
  const params: Record<string, string> = {};
  if (semi >= 0) {
    const re = /;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
    const rest = value.slice(semi);
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
      const raw = m[2]!.trim();
      params[m[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1') : raw;
    }
  }
  return { type: type.includes('/') ? type : 'text/plain', params };
}

export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  for (const f of fields) if (f.key === name) return f.value;
  return undefined;
}

/** Splits an entity into its header block and body at the first empty line. */
export function splitEntity(text: string): { headerText: string; body: string } {
  if (text.startsWith('\n') || text.startsWith('\r\n')) return { headerText: '', body: text.replace(/^\r?\n/, '') };
  const m = /\r?\n[ \t]*\r?\n/.exec(text);
  if (!m) return { headerText: text, body: '' };
  return { headerText: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

/** Body chunks between `--boundary` lines; tolerates a missing closing boundary (RFC 2046 §5.1.1). */
export function splitMultipart(body: string, boundary: string): string[] {
  const delim = `--${boundary}`;
  const parts: string[] = [];
  let start = -1;
  let pos = 0;
  for (;;) {
    const idx = body.indexOf(delim, pos);
    if (idx < 0) break;
    pos = idx + delim.length;
    if (idx > 0 && body[idx - 1] !== '\n') continue;
    const after = body.charCodeAt(pos);
    const isClose = body.startsWith('--', pos);
    if (!isClose && !(Number.isNaN(after) || after === 0x0a || after === 0x0d || after === 0x20 || after === 0x09)) continue;
    if (start >= 0) parts.push(body.slice(start, idx).replace(/\r?\n$/, ''));
    if (isClose || parts.length >= MAX_PARTS) {
      start = -1;
      break;
    }
    const eol = body.indexOf('\n', pos);
    start = eol < 0 ? body.length : eol + 1;
    pos = start;
  }
  if (start >= 0 && start < body.length) parts.push(body.slice(start));
  return parts;
}

function makePart(fields: HeaderField[], body: string, depth: number, counter: { n: number }, parent?: MimePart): MimePart {
  const contentType = parseContentType(headerValue(fields, 'content-type'));
  const part: MimePart = { fields, contentType, body, children: [] };
  if (parent) part.parent = parent;
  counter.n += 1;
  if (depth >= MAX_DEPTH || counter.n > MAX_PARTS) return part;
  const type = contentType.type;
  if (type.startsWith('multipart/')) {
    // A boundary parameter lost to a broken fold (lhost-apachejames-01) is recovered from the first delimiter line.
    const boundary = contentType.params.boundary ?? /^--([^\s]{1,200}?)[ \t]*\r?$/m.exec(body)?.[1];
    if (!boundary) return part;
    for (const chunk of splitMultipart(body, boundary)) {
      const { headerText, body: partBody } = splitEntity(chunk);
      const parsed = headerText === '' ? { fields: [], strayLines: [] } : splitHeaders(headerText);
      // A chunk whose first lines are not headers at all is body text without part headers.
      const isBody = parsed.fields.length === 0 && headerText !== '';
      part.children.push(makePart(isBody ? [] : parsed.fields, isBody ? chunk : partBody, depth + 1, counter, part));
      if (counter.n > MAX_PARTS) break;
    }
  } else if (type === 'message/rfc822' || type === 'message/global') {
    const text = decodeBody(body, headerValue(fields, 'content-transfer-encoding'), undefined);
    const { headerText, body: inner } = splitEntity(text);
    const child = makePart(splitHeaders(headerText).fields, inner, depth + 1, counter, part);
    child.headerText = headerText;
    part.children.push(child);
  }
  return part;
}

/** Parses a message (already split into fields and body) into a part tree. */
export function parseMessage(fields: HeaderField[], body: string): MimePart {
  return makePart(fields, body, 0, { n: 0 });
}

/** Depth-first, document order. */
export function walk(root: MimePart, visit: (part: MimePart) => boolean | void): void {
  const stack: MimePart[] = [root];
  while (stack.length > 0) {
    const part = stack.pop()!;
    if (visit(part) === true) return;
    for (let i = part.children.length - 1; i >= 0; i--) stack.push(part.children[i]!);
  }
}

/** The decoded text of a part (transfer encoding and charset applied). */
export function partText(part: MimePart): string {
  return decodeBody(part.body, headerValue(part.fields, 'content-transfer-encoding'), part.contentType.params.charset);
}
