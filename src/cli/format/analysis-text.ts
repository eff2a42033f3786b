import { formatDuration } from '../../core/duration.js';
import type { HeaderAnalysis } from '../../headers/model.js';
import type { Hop } from '../../headers/received/model.js';
import { paint, safeDeep, table, type Paint } from './text.js';

/** The terminal view of a header analysis: reads at a glance, most important first. */
export function formatAnalysis(analysis: HeaderAnalysis, opts: { color: boolean }): string {
  const a = safeDeep(analysis);
  const p = paint(opts.color);
  const out: string[] = [];
  const id = a.identifiers;
  out.push(p.bold(`whereismail analyze: ${id.subject ?? '(no subject)'}`));
  const kv: [string, string | undefined][] = [
    ['Message-ID', id.messageId],
    ['From', id.headerFrom && (id.envelopeFrom && id.envelopeFrom !== id.headerFrom ? `${id.headerFrom}  (envelope sender ${id.envelopeFrom})` : id.headerFrom)],
    ['To', [...id.headerTo, ...id.cc].join(', ') || undefined],
    ['Delivered to', id.envelopeTo.join(', ') || undefined],
    ['Date', id.dateRaw && `${id.dateRaw}${id.date ? `  (${utc(id.date)})` : ''}`],
    ['Input', describeInput(a)],
  ];
  for (const [k, v] of kv) if (v) out.push(`  ${k.padEnd(13)}${v}`);

  out.push('', p.bold('Findings (most important first)'));
  for (const f of a.findings) {
    const mark = f.severity === 'critical' ? p.red('!! ') : f.severity === 'warning' ? p.yellow(' ! ') : p.dim(' - ');
    out.push(`${mark}${f.message}`);
  }

  out.push('', p.bold('Received trail') + p.dim(' (newest first; delay = time since the hop below)'));
  if (a.trail.hops.length === 0) out.push('  (no Received headers)');
  else out.push(...hopTable(a.trail.hops, a.boundary.hopIndex, p));
  const totals: string[] = [];
  if (a.trail.totalDelaySeconds !== null) totals.push(`total ${formatDuration(a.trail.totalDelaySeconds)}`);
  if (a.trail.largestDelay) totals.push(`largest delay ${formatDuration(a.trail.largestDelay.seconds)} at hop ${a.trail.largestDelay.index + 1}`);
  totals.push(`entry point: ${a.boundary.hopIndex === null ? 'not found' : `hop ${a.boundary.hopIndex + 1}`} (${a.boundary.method === 'inferred' ? 'inferred, see findings' : `${a.boundary.method}: ${a.boundary.reason}`})`);
  out.push(p.dim(`  ${totals.join('; ')}`));
  const other = countBy(a.trail.other.map((h) => h.section));
  if (other.size > 0) {
    out.push(p.dim(`  kept apart from the main trail: ${[...other].map(([s, n]) => `${n} ${sectionName(s)}`).join(', ')} (see --json)`));
  }

  out.push(...authSection(a, p));
  out.push('', p.bold('Spam and filter signals'), `  ${a.spam.says}`);
  for (const s of a.spam.signals) out.push(`  - ${s.vendor} (${s.field}): ${s.says}`);

  if (a.bounce.isBounce) {
    out.push('', p.bold('Bounce'), `  ${a.bounce.says}`);
    for (const r of a.bounce.recipients) {
      out.push(`  - ${r.recipient}: ${[r.action, r.status].filter(Boolean).join(' ')} ${r.says}`.trimEnd());
      if (r.diagnosticCode) out.push(p.dim(`    ${r.diagnosticCode}`));
    }
    if (a.bounce.original) {
      const o = a.bounce.original;
      out.push(`  original: ${[o.messageId, o.subject && `"${o.subject}"`, o.date].filter(Boolean).join(', ')}`);
    }
  }

  out.push('', p.bold('Identifiers for the log search'));
  if (id.messageId) out.push(`  --message-id '${id.messageId}'`);
  const from = id.envelopeFrom ?? id.headerFrom;
  const to = id.envelopeTo[0] ?? id.headerTo[0];
  if (from || to) out.push(`  ${from ? `--from ${from} ` : ''}${to ? `--to ${to}` : ''}`.trimEnd());
  for (const q of id.queueIds.filter((q) => q.section === 'main')) out.push(`  queue id ${q.id}${q.host ? ` at ${q.host}` : ''}`);
  out.push('');
  return out.join('\n');
}

function describeInput(a: HeaderAnalysis): string {
  const i = a.input;
  const what = `${i.kind === 'message' ? 'whole message' : 'headers only'}, ${i.headerCount} header fields, ${i.format}`;
  return i.repairs.length > 0 ? `${what}; repaired: ${i.repairs.map((r) => r.kind).join(', ')}` : what;
}

function hopTable(hops: Hop[], boundary: number | null, p: Paint): string[] {
  const rows = hops.map((h) => {
    const from = h.from ? `${h.from.name ?? h.from.rdns ?? ''}${h.from.ip ? ` [${h.from.ip}]` : ''}`.trim() : '';
    const delay = h.delaySeconds !== null ? formatDuration(h.delaySeconds) : h.flags.includes('clock-skew') ? 'skew' : '';
    const marks = [h.index === boundary ? 'ENTRY' : '', ...h.flags.filter((f) => f !== 'boundary')].filter(Boolean).join(' ');
    return [String(h.index + 1), h.time ? utc(h.time) : h.timeRaw ? '(bad date)' : '(no date)', delay, from || '-', h.by?.name ?? h.by?.ip ?? '-', h.with ?? '', h.id ?? '', marks];
  });
  return table(['#', 'time (UTC)', 'delay', 'from', 'by', 'with', 'id', 'notes'], rows, { maxWidths: [3, 19, 10, 42, 32, 14, 24, 30] }).map((line, i) =>
    i === 0 ? p.dim(line) : hops[i - 1]?.flags.includes('untrusted') ? p.dim(line) : line,
  );
}

function authSection(a: HeaderAnalysis, p: Paint): string[] {
  const au = a.authentication;
  const out = ['', p.bold('Authentication') + p.dim(` (as of ${utc(au.evaluatedAt)}; DNS: ${au.dns})`), `  ${au.summary}`];
  const src = (s: string): string => p.dim(`[${s}]`);
  out.push(`  SPF    ${au.spf.result.padEnd(9)}${[au.spf.ip && `ip ${au.spf.ip}`, au.spf.domain && `domain ${au.spf.domain}`].filter(Boolean).join(', ')} ${src(au.spf.source)}`);
  if (au.dkim.length === 0) out.push('  DKIM   none     (no signature)');
  for (const d of au.dkim) {
    const tags = [`d=${d.domain}`, d.selector && `s=${d.selector}`, d.algorithm && `a=${d.algorithm}`, d.aligned ? 'aligned with From' : 'not aligned'];
    out.push(`  DKIM   ${d.result.padEnd(9)}${tags.filter(Boolean).join(' ')}${d.reason ? ` (${d.reason})` : ''} ${src(d.source)}`);
  }
  out.push(`  DMARC  ${au.dmarc.result.padEnd(9)}${[au.dmarc.fromDomain, au.dmarc.policy && `policy ${au.dmarc.policy}`].filter(Boolean).join(', ')} ${src(au.dmarc.source)}`);
  const arcDetail = au.arc.instances.length > 0 ? au.arc.instances.map((i) => `i=${i.i} ${i.domain ?? '?'} ${i.result}`).join('; ') : (au.arc.reason ?? '');
  out.push(`  ARC    ${au.arc.result.padEnd(9)}${arcDetail}`);
  for (const s of au.proves) out.push(`  ${p.green('proves:')} ${s}`);
  for (const s of au.doesNotProve) out.push(`  ${p.yellow('does not prove:')} ${s}`);
  return out;
}

function utc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function sectionName(s: string): string {
  return s === 'x-received' ? 'X-Received hop(s)' : s === 'arc' ? 'ARC set(s)' : 'hop(s) of the attached original';
}

function countBy<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
