import type { BounceRecipient } from '../model.js';
import { explainOverride, explainSmtp, explainStatus, explainText, isVagueStatus, statusClass } from './status-codes.js';

const ACTIONS: Readonly<Record<string, string>> = {
  failed: 'Delivery failed',
  delayed: 'Delivery is delayed (the server is still retrying)',
  delivered: 'Delivered',
  relayed: 'Relayed onward to a system that does not report delivery',
  expanded: 'Delivered to a list or alias and passed on to its members',
};

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

/** Enhanced status code (RFC 3463 `class.subject.detail`) anywhere in a text, not part of an IP or version number. */
export function findStatus(text: string): string | undefined {
  const m = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/.exec(text);
  return m?.[1];
}

/** Basic SMTP reply code (RFC 5321 §4.2) at a line start or after a separator, e.g. `said: 550 ...`, `smtp; 550-5.7.1`. */
export function findSmtpCode(text: string): string | undefined {
  const m = /(?:^|[\s:;(\[<>'"])([245][0-5]\d)(?=[ -]|$)/m.exec(text);
  return m?.[1];
}

/** One plain-English sentence for a recipient's status, quoting the server's own words when there are any. */
export function recipientSays(r: Omit<BounceRecipient, 'says'>, context?: string): string {
  const action = r.action?.toLowerCase();
  const head = (action && ACTIONS[action]) ?? (r.status?.startsWith('4') || r.smtpCode?.startsWith('4') ? 'Delivery is delayed or failed temporarily' : 'Delivery failed');
  const parts: string[] = [];
  const fromStatus = r.status ? explainStatus(r.status) : undefined;
  const fromSmtp = r.smtpCode ? explainSmtp(r.smtpCode) : undefined;
  // The server's own words are the better evidence; the surrounding notice text is used only without them.
  const fromText = explainText(r.diagnosticCode ?? context ?? '');
  const override = explainOverride(r.diagnosticCode);
  const cls = r.status ? statusClass(r.status) : undefined;
  if (override) parts.push(`${r.status ? `${r.status}: ` : ''}${cls ? `${cls}; ` : ''}${override}`);
  else if (fromStatus && !isVagueStatus(r.status)) parts.push(`${r.status}: ${fromStatus}`);
  else if (fromText) parts.push(`${r.status ? `${r.status}: ` : ''}${cls ? `${cls}; ` : ''}${fromText}`);
  else if (fromStatus) parts.push(`${r.status}: ${fromStatus}`);
  else if (fromSmtp) parts.push(`${r.smtpCode}: ${fromSmtp}`);
  const alias = r.originalRecipient ? ` (originally addressed to ${r.originalRecipient})` : '';
  let says = `${head} for ${r.recipient}${alias}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}.`;
  if (r.diagnosticCode) says += ` The server said: "${clip(r.diagnosticCode, 200)}".`;
  if (r.remoteMta) says += ` Reported for server ${r.remoteMta}.`;
  return says;
}
