import type { Evidence } from '../core/evidence.js';
import type { Finding, HeaderAnalysis } from './model.js';
import type { Hop } from './received/model.js';
import { parseMailDate } from './received/date.js';
import { formatDuration } from '../core/duration.js';

type AnalysisSansFindings = Omit<HeaderAnalysis, 'findings'>;

const SEVERITY_RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** Minimum hop delay worth a finding; below it, mail is "instant" for a user. */
const NOTABLE_DELAY_S = 5 * 60;
/** Date header vs first hop: beyond this the gap is worth explaining. */
const DATE_GAP_S = 60 * 60;

/** Findings ranked by importance, each in plain English with the header evidence behind it. */
export function buildFindings(a: AnalysisSansFindings, _ctx: { now: Date }): Finding[] {
  const out: Finding[] = [];
  const push = (severity: Finding['severity'], code: string, message: string, evidence: Evidence[] = []): void => {
    out.push({ severity, code, message, evidence });
  };

  bounceFindings(a, push);
  spamFindings(a, push);
  authFindings(a, push);
  delayFindings(a, push);
  dateFindings(a, push);
  trailFindings(a, push);

  if (a.input.repairs.length > 0) {
    push('info', 'input-repaired', `The input was repaired before analysis: ${a.input.repairs.map((r) => r.detail).join('; ')}.`);
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((x, y) => SEVERITY_RANK[x.f.severity] - SEVERITY_RANK[y.f.severity] || x.i - y.i)
    .map(({ f }) => f);
}

type Push = (severity: Finding['severity'], code: string, message: string, evidence?: Evidence[]) => void;

function hopEvidence(hop: Hop, says: string): Evidence {
  return { source: 'header', field: `${hop.field}[${hop.index}]`, line: hop.line, raw: hop.raw, says };
}

function hopLabel(hop: Hop): string {
  return hop.by?.name ?? hop.by?.ip ?? `hop ${hop.index + 1}`;
}

function bounceFindings(a: AnalysisSansFindings, push: Push): void {
  const b = a.bounce;
  if (b.kind === 'auto-reply') {
    push('info', 'auto-reply', `This is an automatic reply (out-of-office or similar): ${b.says}`);
    return;
  }
  if (b.kind === 'feedback-report') {
    push('warning', 'feedback-report', `This is an abuse/feedback report about a message: ${b.says}`);
    return;
  }
  if (!b.isBounce) return;
  const failed = b.recipients.map((r) => r.says.replace(/\.+$/, ''));
  push(
    'critical',
    'bounce',
    failed.length > 0 ? `This is a bounce. ${failed.join('. ')}.` : `This is a bounce: ${b.says}`,
    b.recipients.map((r) => ({ source: 'header', field: 'delivery-status', raw: r.diagnosticCode ?? r.status, says: r.says })),
  );
}

function spamFindings(a: AnalysisSansFindings, push: Push): void {
  const s = a.spam;
  const ev = s.signals.map((sig) => ({ source: 'header' as const, field: sig.field, line: sig.line, raw: sig.raw, says: sig.says }));
  if (s.verdict === 'spam' || s.verdict === 'quarantine') push('critical', `spam-${s.verdict}`, s.says, ev);
  else if (s.verdict === 'suspicious' || s.verdict === 'bulk') push('warning', `spam-${s.verdict}`, s.says, ev);
  else if (s.signals.length > 0) push('info', 'spam-clean', s.says, ev);
}

function authFindings(a: AnalysisSansFindings, push: Push): void {
  const auth = a.authentication;
  const severity: Finding['severity'] =
    auth.dmarc.result === 'fail' || auth.spf.result === 'fail' || auth.dkim.some((d) => d.result === 'fail')
      ? 'critical'
      : auth.dkim.length === 0 && auth.spf.result !== 'pass'
        ? 'warning'
        : 'info';
  const ev: Evidence[] = auth.authResultsHeaders
    .filter((h) => h.trusted)
    .map((h) => ({ source: 'header', field: 'Authentication-Results', line: h.line, says: `recorded by ${h.authservId}` }));
  push(severity, 'authentication', auth.summary, ev);
  for (const d of auth.dkim) {
    if (d.expiredAfterDelivery) {
      push('info', 'dkim-expired-after-delivery', `The DKIM signature of ${d.domain} has expired since (x=${d.expiresAt ?? '?'}), but it was valid when the message was delivered.`);
    }
  }
}

function delayFindings(a: AnalysisSansFindings, push: Push): void {
  const ld = a.trail.largestDelay;
  if (!ld || ld.seconds < NOTABLE_DELAY_S) return;
  const hop = a.trail.hops[ld.index];
  if (!hop) return;
  const below = a.trail.hops[ld.index + 1];
  if (below?.flags.includes('forged-looking')) {
    push(
      'info',
      'resent-gap',
      `${formatDuration(ld.seconds)} passed between hop ${ld.index + 2} and hop ${ld.index + 1}, where the chain breaks: the hops below belong to an earlier delivery, so the message was re-sent or forwarded later, not delayed in transit.`,
      [hopEvidence(hop, `received ${formatDuration(ld.seconds)} after the hop below`), hopEvidence(below, 'chain break')],
    );
    return;
  }
  const cause = likelyDelayCause(hop, below, a.boundary.hopIndex === ld.index);
  push(
    ld.seconds >= 3600 ? 'warning' : 'info',
    'largest-delay',
    `The largest delay is ${formatDuration(ld.seconds)} before ${hopLabel(hop)} received it${below ? ` from ${below.by?.name ?? below.from?.name ?? 'the hop below'}` : ''}: ${cause}.`,
    [hopEvidence(hop, `received ${formatDuration(ld.seconds)} after the hop below`)],
  );
}

function likelyDelayCause(hop: Hop, below: Hop | undefined, atBoundary: boolean): string {
  const text = `${hop.raw} ${below?.raw ?? ''}`.toLowerCase();
  if (/amavis|10024|10025|spamassassin|rspamd|clamav|content.?filter|mailscanner/.test(text)) {
    return 'a content filter (spam/virus scanning) on the receiving side held it';
  }
  if (atBoundary && hop.delaySeconds !== null && hop.delaySeconds >= 60 && hop.delaySeconds <= 3 * 3600) {
    return "likely greylisting or a temporary refusal at the recipient's entry point: the sending server had to retry";
  }
  if (hop.flags.includes('untrusted')) {
    return "it sat on the sender's side (outbox, submission queue or the sender's server retrying)";
  }
  return 'the message waited in a queue (the next server was busy, unreachable or deferred it, and the sender retried)';
}

function dateFindings(a: AnalysisSansFindings, push: Push): void {
  const date = a.identifiers.date;
  // hops below a chain break belong to an earlier delivery (a re-sent message): compare with this delivery's first hop
  const brk = a.trail.hops.findIndex((h) => h.flags.includes('forged-looking'));
  const dated = (brk > 0 ? a.trail.hops.slice(0, brk) : a.trail.hops).filter((h) => h.time);
  const first = dated[dated.length - 1];
  if (!date || !first?.time) return;
  const gap = (Date.parse(first.time) - Date.parse(date)) / 1000;
  const ev: Evidence[] = [
    { source: 'header', field: 'Date', raw: a.identifiers.dateRaw, says: `written ${date}` },
    hopEvidence(first, `first hop at ${first.time}`),
  ];
  if (gap > DATE_GAP_S) {
    push('warning', 'date-before-first-hop', `The Date header is ${formatDuration(gap)} before the first hop: the message was written long before it was sent (drafts, outbox, a scheduled send) or the sender's clock was wrong.`, ev);
  } else if (gap < -DATE_GAP_S / 6) {
    push('warning', 'date-after-first-hop', `The Date header is ${formatDuration(-gap)} after the first hop: the sender's clock or time zone is wrong, or the Date header was rewritten.`, ev);
  }
  const parsed = a.identifiers.dateRaw ? parseMailDate(a.identifiers.dateRaw) : null;
  if (parsed && parsed.flags.includes('bad-date')) push('info', 'bad-date', `The Date header is unusual: ${parsed.notes.join('; ')}.`, [ev[0]!]);
}

function trailFindings(a: AnalysisSansFindings, push: Push): void {
  const hops = a.trail.hops;
  if (hops.length === 0) {
    push(
      'warning',
      'no-received',
      "There are no Received headers: this is a copy that never crossed a mail server, e.g. from the sender's Sent folder or a draft. A Sent-folder copy is not proof the message was sent or delivered; it can be written by anyone. Ask for the recipient's copy or the server logs.",
    );
  } else if (a.boundary.hopIndex === null) {
    push('warning', 'no-boundary', `No hop could be tied to the recipient's own servers (${a.boundary.reason}). If this is the sender's copy, it does not prove delivery: a Sent-folder copy can be forged. Configure your domains or MX hosts (trust.domains / --trust-domain) for a firmer answer.`);
  } else if (a.boundary.method === 'inferred') {
    push('info', 'boundary-inferred', `The recipient's entry point was inferred, not configured: ${a.boundary.reason}.`);
  }
  const forged = hops.filter((h) => h.flags.includes('forged-looking'));
  if (forged.length > 0) {
    const reasons = [...new Set(forged.flatMap((h) => h.notes.filter((n) => n.startsWith('looks forged: ')).map((n) => n.slice(14))))];
    push(
      'warning',
      'forged-looking-hop',
      `${forged.length === 1 ? `Hop ${forged[0]!.index + 1}` : `Hops ${forged.map((h) => h.index + 1).join(', ')}`} (below the recipient's entry point) ${forged.length === 1 ? 'looks' : 'look'} forged: ${reasons.join('; ')}. Hops below the entry point are the sender's claims and are not verified.`,
      forged.map((h) => hopEvidence(h, 'forged-looking hop')),
    );
  }
  const skewed = hops.filter((h) => h.flags.includes('clock-skew'));
  if (skewed.length > 0) {
    push('info', 'clock-skew', `Clock skew at ${skewed.map((h) => hopLabel(h)).join(', ')}: a server's clock or time zone is wrong, so that hop's delay is not meaningful.`, skewed.map((h) => hopEvidence(h, h.notes.join('; ') || 'clock skew')));
  }
  const unparsed = [...hops, ...a.trail.other].filter((h) => h.flags.includes('unparsed'));
  if (unparsed.length > 0) {
    push('info', 'unparsed-hops', `${unparsed.length} Received header(s) could not be parsed; they are kept as raw text.`, unparsed.map((h) => hopEvidence(h, 'unparsed hop')));
  }
}
