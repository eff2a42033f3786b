import type { Repair } from './model.js';

/** Everything prepareInput changed or dropped, as counts; turned into plain-English repairs below. */
export interface RepairCounts {
  bom: boolean;
  lineEnds: { crlf: number; lf: number; cr: number };
  codeFence: number;
  quotePrefix: { prefix: string; lines: number } | null;
  wrapper: { format: 'gmail-original' | 'outlook-box'; dropped: number; rows: number } | null;
  leadingJunk: number;
  spaces: number;
  typographic: number;
  slack: number;
  entities: number;
  reindented: number;
  rejoined: number;
  wrapWidth: number;
  gluedBodyLine: number;
  trailingJunk: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** True when the header lines do not all end the same way (or use a lone CR, which no mail system writes). */
export function lineEndsMixed(e: RepairCounts['lineEnds']): boolean {
  return e.cr > 0 || (e.crlf > 0 && e.lf > 0);
}

/** The repairs to report, in the order they were applied. */
export function buildRepairs(c: RepairCounts): Repair[] {
  const out: Repair[] = [];
  if (c.bom) out.push({ kind: 'bom', detail: 'removed an invisible byte-order mark at the start', count: 1 });
  if (lineEndsMixed(c.lineEnds)) {
    const { crlf, lf, cr } = c.lineEnds;
    const odd = Math.min(crlf, lf) + cr;
    out.push({
      kind: 'crlf-mix',
      detail: `the header lines mixed line endings (${crlf} CRLF, ${lf} LF, ${cr} lone CR); all now end in CRLF`,
      count: odd,
    });
  }
  if (c.codeFence > 0) {
    out.push({ kind: 'code-fence', detail: 'removed the ``` code-block markers around the paste', count: c.codeFence });
  }
  if (c.quotePrefix) {
    const p = c.quotePrefix.prefix.replace(/\u00a0/g, ' ');
    out.push({
      kind: 'quote-prefix',
      detail: `removed the '${p}' quote markers from ${plural(c.quotePrefix.lines, 'line')}`,
      count: c.quotePrefix.lines,
    });
  }
  if (c.wrapper?.format === 'gmail-original') {
    out.push({
      kind: 'gmail-original',
      detail: `read Gmail's "Show original" page: set aside its summary table (${plural(c.wrapper.rows, 'row')}) and page text, and used the raw message below it`,
      count: c.wrapper.dropped,
    });
  } else if (c.wrapper?.format === 'outlook-box') {
    out.push({
      kind: 'outlook-box',
      detail: `read Outlook's message-details box: dropped ${plural(c.wrapper.dropped, 'line')} of dialog text around the headers`,
      count: c.wrapper.dropped,
    });
  }
  if (c.leadingJunk > 0) {
    out.push({ kind: 'leading-junk', detail: `ignored ${plural(c.leadingJunk, 'line')} of text before the first header`, count: c.leadingJunk });
  }
  if (c.spaces > 0) {
    out.push({ kind: 'nbsp', detail: `replaced ${plural(c.spaces, 'no-break or invisible space')} with plain spaces`, count: c.spaces });
  }
  if (c.typographic > 0) {
    out.push({
      kind: 'smart-quotes',
      detail: `turned ${plural(c.typographic, 'typographic quote or dash', 'typographic quotes and dashes')} (added by autocorrect) back into plain characters`,
      count: c.typographic,
    });
  }
  if (c.slack > 0) {
    out.push({ kind: 'slack-markup', detail: `removed Slack's link markup from ${plural(c.slack, 'address or host name', 'addresses and host names')}`, count: c.slack });
  }
  if (c.entities > 0) {
    out.push({ kind: 'html-entities', detail: `decoded ${plural(c.entities, 'HTML escape')} such as &lt; and &amp;`, count: c.entities });
  }
  if (c.reindented > 0) {
    out.push({
      kind: 'lost-continuation-indent',
      detail: `re-attached ${plural(c.reindented, 'continuation line')} to the header above (the leading space that marks a folded line had been lost)`,
      count: c.reindented,
    });
  }
  if (c.rejoined > 0) {
    out.push({
      kind: 'lost-folding',
      detail: `joined back ${plural(c.rejoined, 'line')} that had been cut at ${c.wrapWidth} characters by a mail client or chat window`,
      count: c.rejoined,
    });
  }
  if (c.gluedBodyLine > 0) {
    out.push({
      kind: 'body-after-headers',
      detail: `the headers ran straight into the message text at line ${c.gluedBodyLine} (no empty line); took the rest as the body`,
      count: 1,
    });
  }
  if (c.trailingJunk > 0) {
    out.push({
      kind: 'trailing-junk',
      detail: `ignored ${plural(c.trailingJunk, 'line')} of text after the headers that are not part of the message`,
      count: c.trailingJunk,
    });
  }
  return out;
}
