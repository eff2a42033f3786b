/**
 * Paste damage, made on purpose from real corpus messages: one function per kind of damage that
 * prepareInput repairs, plus random destructive damage for mutation tests. Seeded and dependency-free,
 * so every failure is reproducible from its seed.
 */

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next: () => number;
  /** Integer in [0, n). */
  int: (n: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

/**
 * Index of the line ending the header block: the first empty line, or whitespace-only line that is not
 * inside a folded value (RFC 5322 §4.2 obs-FWS: whitespace-only lines followed by a folded line continue it).
 */
function headerEnd(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() !== '') continue;
    if (l === '' || i === 0) return i;
    let j = i + 1;
    while (j < lines.length && lines[j] !== '' && lines[j]!.trim() === '') j++;
    const next = lines[j];
    if (next === undefined || next === '' || !/^[ \t]/.test(next)) return i;
    i = j - 1;
  }
  return -1;
}

/** The header block of a raw message (lines before the first empty line), LF line ends. */
export function headerTextOf(raw: string): string {
  const lines = raw.split(/\r?\n/);
  const end = headerEnd(lines);
  return (end < 0 ? lines : lines.slice(0, end)).join('\n');
}

/** The body of a raw message (after the first empty line), LF line ends; '' when there is none. */
export function bodyOf(raw: string): string {
  const lines = raw.split(/\r?\n/);
  const end = headerEnd(lines);
  return end < 0 ? '' : lines.slice(end + 1).join('\n');
}

const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const isContinuation = (l: string): boolean => l.startsWith(' ') || l.startsWith('\t');

/** 1. Line ends mixed: each line ends in CRLF, LF or a lone CR (at least one of each when there are 3+ lines). */
export function mixLineEnds(text: string, r: Rng): string {
  const ls = lines(text);
  const ends = ['\r\n', '\n', '\r'];
  return ls.map((l, i) => l + (i === ls.length - 1 ? '' : i < 3 ? ends[i]! : r.pick(ends))).join('');
}

/** 2. Quoted by a mail client: `> ` (or `>`, `>> `, `> > `) before every line; empty lines get the bare marker. */
export function quote(text: string, marker = '> '): string {
  return lines(text)
    .map((l) => (l === '' ? marker.trimEnd() : marker + l))
    .join('\n');
}

/** 3. Continuation lines lost their leading whitespace (HTML rendering, some web mail viewers). */
export function stripContinuationIndent(text: string): string {
  return lines(text)
    .map((l) => (isContinuation(l) ? l.trimStart() : l))
    .join('\n');
}

/** 4a. Hard-wrapped at exactly `width` characters, mid-token (a terminal or chat tool; trailing spaces are lost). */
export function hardWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const l of lines(text)) {
    let rest = l.trimEnd();
    while (rest.length > width) {
      out.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    out.push(rest);
  }
  return out.join('\n');
}

/** 4b. Word-wrapped at `width` by a mail client: broken at the last space that fits (dropped), or mid-token when none; trailing spaces are lost. */
export function wordWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const l of lines(text)) {
    let rest = l.trimEnd();
    while (rest.length > width) {
      const indent = rest.length - rest.trimStart().length;
      const space = rest.lastIndexOf(' ', width);
      if (space > indent) {
        out.push(rest.slice(0, space));
        rest = rest.slice(space + 1);
      } else {
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
    out.push(rest);
  }
  return out.join('\n');
}

/** 4c. Every folded header unfolded into one long line (harmless: must need no repair). */
export function unfold(text: string): string {
  const out: string[] = [];
  for (const l of lines(text)) {
    if (isContinuation(l) && out.length > 0) out[out.length - 1] += ` ${l.trim()}`;
    else out.push(l);
  }
  return out.join('\n');
}

/** 5. Inside Outlook's header views: the desktop Properties dialog, or the web "Message details" pane. */
export function outlookBox(text: string, variant: 'desktop' | 'web' = 'desktop'): string {
  if (variant === 'web') return ['Message details', '', text, '', 'Close'].join('\n');
  return [
    'Properties',
    'Settings\tSecurity',
    'Importance\tNormal',
    'Sensitivity\tNormal',
    'Do not AutoArchive this item',
    'Tracking options',
    'Request a delivery receipt for this message',
    'Request a read receipt for this message',
    'Delivery options',
    'Have replies sent to',
    'Expires after\tNone',
    'Contacts...',
    'Categories\tNone',
    'Internet headers:',
    text,
    'Close',
  ].join('\n');
}

function headerValue(header: string, name: string): string {
  const key = `${name.toLowerCase()}:`;
  const ls = lines(header);
  const i = ls.findIndex((l) => l.toLowerCase().startsWith(key));
  if (i < 0) return '';
  const parts = [ls[i]!.slice(key.length).trim()];
  for (let j = i + 1; j < ls.length && isContinuation(ls[j]!); j++) parts.push(ls[j]!.trim());
  return parts.join(' ');
}

/** The values Gmail's summary table would show for a message, taken from its own headers. */
export function gmailSummaryOf(header: string): Record<string, string> {
  const ar = headerValue(header, 'Authentication-Results');
  const result = (method: string): string => /\b(pass|fail|softfail|neutral|none)\b/i.exec(ar.split(`${method}=`)[1] ?? '')?.[1] ?? 'NEUTRAL';
  return {
    'Message ID': headerValue(header, 'Message-ID'),
    'Created at': `${headerValue(header, 'Date')} (Delivered after 2 seconds)`,
    From: headerValue(header, 'From'),
    To: headerValue(header, 'To'),
    Subject: headerValue(header, 'Subject'),
    SPF: `${result('spf').toUpperCase()} with IP 192.0.2.1`,
    DKIM: `'${result('dkim').toUpperCase()}' with domain example.com`,
    DMARC: `'${result('dmarc').toUpperCase()}'`,
  };
}

/** 6. Gmail's "Show original" page copied from the browser, built from the message's own headers. */
export function gmailOriginal(raw: string, layout: 'tabs' | 'spaces' | 'lines' = 'tabs'): string {
  const s = gmailSummaryOf(headerTextOf(raw));
  const learn = new Set(['SPF', 'DKIM', 'DMARC']);
  const rows = Object.entries(s).flatMap(([label, value]) => {
    const shown = label === 'Message ID' ? label : `${label}:`;
    const v = learn.has(label) ? `${value} Learn more` : value;
    if (layout === 'lines') return [shown, v];
    return [layout === 'tabs' ? `${shown}\t${v}` : `${shown}    ${v}`];
  });
  return ['Original message', '', ...rows, '', 'Download original\tCopy to clipboard', '', raw].join('\n');
}

/** 7. The body pasted right after the headers, with no empty line between. */
export function glueBody(header: string, body: string): string {
  return `${header}\n${body}`;
}

/** 8a. Autocorrect: straight quotes become typographic ones, `--` an em dash, ` - ` an en dash, `...` an ellipsis. */
export function smartQuotes(text: string): string {
  let open = true;
  return text
    .replace(/\.\.\./g, '\u2026')
    .replace(/--/g, '\u2014')
    .replace(/ - /g, ' \u2013 ')
    .replace(/"/g, () => {
      const q = open ? '\u201c' : '\u201d';
      open = !open;
      return q;
    })
    .replace(/(^|[\s(])'/gm, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/** 8b. No-break spaces for indentation and some spaces, zero-width spaces between tokens, a BOM in front. */
export function oddSpaces(text: string, r: Rng): string {
  const out = lines(text).map((l) => {
    let s = l.replace(/^[ \t]+/, (ws) => '\u00a0'.repeat(ws.length));
    s = s.replace(/ /g, () => (r.chance(0.2) ? '\u00a0' : ' '));
    return s.replace(/;/g, () => (r.chance(0.3) ? ';\u200b' : ';'));
  });
  return `\ufeff${out.join('\n')}`;
}

/** 8c. HTML-escaped (copied from an HTML page's source or a web form). */
export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 8d. What a Slack bot receives for a pasted text: HTML-escaped, addresses turned into mailto links. */
export function slackify(text: string): string {
  return htmlEscape(text).replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, (a) => `<mailto:${a}|${a}>`);
}

/** 9a. A sentence before the headers. */
export function leadingJunk(text: string): string {
  return `Hi, here are the headers you asked for:\n\n${text}`;
}

/** 9b. A sentence after the headers. */
export function trailingJunk(text: string): string {
  return `${text}\n\nLet me know if you need anything else.\nThanks!`;
}

/** 9c. Wrapped in a Slack/Markdown code block. */
export function codeFence(text: string): string {
  return `\`\`\`${text}\`\`\``;
}

/* ---------- random destructive damage, for mutation tests ---------- */

export function truncate(text: string, r: Rng): string {
  return text.slice(0, r.int(text.length + 1));
}

export function deleteLines(text: string, r: Rng): string {
  return lines(text)
    .filter(() => !r.chance(0.1))
    .join('\n');
}

export function duplicateLines(text: string, r: Rng): string {
  return lines(text)
    .flatMap((l) => (r.chance(0.1) ? [l, l] : [l]))
    .join('\n');
}

export function shuffleLines(text: string, r: Rng): string {
  const ls = lines(text);
  for (let n = 0; n < Math.max(1, ls.length / 10); n++) {
    const i = r.int(ls.length);
    const j = r.int(ls.length);
    [ls[i], ls[j]] = [ls[j]!, ls[i]!];
  }
  return ls.join('\n');
}

export function insertRandomBytes(text: string, r: Rng): string {
  let s = text;
  for (let n = 0; n < 1 + r.int(20); n++) {
    const at = r.int(s.length + 1);
    s = s.slice(0, at) + String.fromCharCode(r.int(256)) + s.slice(at);
  }
  return s;
}

export function randomUnicode(text: string, r: Rng): string {
  const pool = ['\u00a0', '\u200b', '\ufeff', '\u2028', '\u201c', '\u2019', '\u2014', '\ud83d\ude00', '\u0000', '\ud800', 'é', '\u202e', '\r', '>', ':', '=?utf-8?b?', '&lt;'];
  let s = text;
  for (let n = 0; n < 1 + r.int(20); n++) {
    const at = r.int(s.length + 1);
    s = s.slice(0, at) + r.pick(pool) + s.slice(at);
  }
  return s;
}

/** Every damage above as (text, rng) → text, for random combination. */
export const DAMAGES: readonly { name: string; apply: (text: string, r: Rng) => string }[] = [
  { name: 'mix-line-ends', apply: mixLineEnds },
  { name: 'quote', apply: (t, r) => quote(t, r.pick(['> ', '>', '>> ', '> > '])) },
  { name: 'strip-indent', apply: stripContinuationIndent },
  { name: 'hard-wrap', apply: (t, r) => hardWrap(t, r.pick([64, 72, 76, 80])) },
  { name: 'word-wrap', apply: (t, r) => wordWrap(t, r.pick([64, 72, 76, 80])) },
  { name: 'outlook-box', apply: (t, r) => outlookBox(t, r.pick(['desktop', 'web'] as const)) },
  { name: 'gmail-original', apply: (t, r) => gmailOriginal(t, r.pick(['tabs', 'spaces', 'lines'] as const)) },
  { name: 'smart-quotes', apply: smartQuotes },
  { name: 'odd-spaces', apply: oddSpaces },
  { name: 'html-escape', apply: htmlEscape },
  { name: 'slackify', apply: slackify },
  { name: 'leading-junk', apply: leadingJunk },
  { name: 'trailing-junk', apply: trailingJunk },
  { name: 'code-fence', apply: codeFence },
  { name: 'truncate', apply: truncate },
  { name: 'delete-lines', apply: deleteLines },
  { name: 'duplicate-lines', apply: duplicateLines },
  { name: 'shuffle-lines', apply: shuffleLines },
  { name: 'random-bytes', apply: insertRandomBytes },
  { name: 'random-unicode', apply: randomUnicode },
];

/** One to three random damages applied in turn; returns the text and the names applied. */
export function randomDamage(text: string, r: Rng): { text: string; applied: string[] } {
  let t = text;
  const applied: string[] = [];
  for (let n = 1 + r.int(3); n > 0; n--) {
    const d = r.pick(DAMAGES);
    t = d.apply(t, r);
    applied.push(d.name);
  }
  return { text: t, applied };
}
