import type { AuthResultEntry, ParsedAuthResults } from './model.js';

interface Segment {
  /** Text with comments blanked and quoted strings replaced by \u0001N\u0002 placeholders. */
  text: string;
  comments: string[];
}

const PAIR = /([^\s=]+)\s*=\s*(\S*)/g;
const PLACEHOLDER = /\u0001(\d+)\u0002/g;

/** RFC 5322 §3.2.2/§3.2.4: splits on `;` outside (nested) comments and quoted strings. */
function scan(value: string): { segments: Segment[]; quoted: string[] } {
  const segments: Segment[] = [];
  const quoted: string[] = [];
  let text = '';
  let comments: string[] = [];
  let start = 0;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c !== 0x28 && c !== 0x22 && c !== 0x3b) {
      i++;
      continue;
    }
    text += value.slice(start, i);
    if (c === 0x3b) {
      segments.push({ text, comments });
      text = '';
      comments = [];
      i++;
    } else if (c === 0x28) {
      const r = readDelimited(value, i + 1, 'comment');
      comments.push(r.body.trim());
      text += ' ';
      i = r.next;
    } else {
      const r = readDelimited(value, i + 1, 'quoted');
      text += `\u0001${quoted.length}\u0002`;
      quoted.push(r.body);
      i = r.next;
    }
    start = i;
  }
  text += value.slice(start);
  segments.push({ text, comments });
  return { segments, quoted };
}

/**
 * Reads a comment (nesting, RFC 5322 §3.2.2) or a quoted string (§3.2.4) from just after its opener, with
 * backslash escapes resolved; `next` is just past its closer (or the end of the text when it is not closed).
 */
function readDelimited(value: string, from: number, kind: 'comment' | 'quoted'): { body: string; next: number } {
  let depth = 1;
  let body = '';
  let i = from;
  while (i < value.length) {
    const d = value[i]!;
    if (d === '\\' && i + 1 < value.length) {
      body += value[i + 1];
      i += 2;
      continue;
    }
    i++;
    if (kind === 'quoted') {
      if (d === '"') break;
    } else if (d === '(') depth++;
    else if (d === ')' && --depth === 0) break;
    body += d;
  }
  return { body, next: i };
}

/**
 * Reads an Authentication-Results value (RFC 8601 §2.2): authserv-id, optional version, then
 * `; method=result [reason=...] [ptype.property=value ...]` items. Tolerant: comments (nested),
 * quoted values, several results per method, Microsoft 365's form with no authserv-id, bare
 * properties split off by a stray `;` (attached to the result before), and anything else kept in
 * `unparsed`. Pure; never throws.
 */
export function parseAuthenticationResults(value: string): ParsedAuthResults {
  const { segments, quoted } = scan(String(value ?? ''));
  const restore = (s: string): string => s.replace(PLACEHOLDER, (_, k: string) => quoted[Number(k)] ?? '');
  const out: ParsedAuthResults = { authservId: '', results: [], noResult: false, unparsed: [] };

  segments.forEach((seg, idx) => {
    const pairs = [...seg.text.matchAll(PAIR)];
    const leftoverText = seg.text.replace(PAIR, ' ').trim();
    const leftover = leftoverText ? leftoverText.split(/\s+/) : [];
    if (idx === 0) {
      const firstChar = seg.text.search(/\S/);
      const startsWithPair = pairs.length > 0 && pairs[0]!.index === firstChar;
      if (leftover.length && !startsWithPair) {
        out.authservId = restore(leftover[0]!).toLowerCase().replace(/\.$/, '');
        let rest = leftover.slice(1);
        if (rest[0] && /^\d+$/.test(rest[0])) {
          out.version = Number(rest[0]);
          rest = rest.slice(1);
        }
        const extra = [...rest, ...pairs.map((p) => p[0])].map(restore).join(' ').trim();
        if (extra) out.unparsed.push(extra);
        return;
      }
    }
    if (pairs.length === 0) {
      if (leftover.length === 1 && leftover[0]!.toLowerCase() === 'none') out.noResult = true;
      else if (leftover.length) out.unparsed.push(restore(leftoverText));
      return;
    }
    const [first, ...more] = pairs;
    const last = out.results[out.results.length - 1];
    let entry: AuthResultEntry;
    let props = more;
    if (first![1]!.includes('.') && last) {
      entry = last;
      props = pairs;
    } else {
      entry = {
        method: first![1]!.toLowerCase().replace(/\/.*$/, ''),
        result: restore(first![2]!).toLowerCase(),
        props: {},
      };
      const comment = seg.comments.find((c) => c.length > 0);
      if (comment) entry.comment = comment;
      out.results.push(entry);
    }
    for (const p of props) {
      const key = p[1]!.toLowerCase();
      const val = restore(p[2]!);
      if (key === 'reason') entry.reason ??= val;
      else if (!(key in entry.props)) entry.props[key] = val;
    }
    if (leftover.length) out.unparsed.push(restore(leftoverText));
  });
  return out;
}
