import type { HeaderField } from '../../input/model.js';
import { splitHeaders } from '../../input/split-headers.js';
import type { BounceRecipient } from '../model.js';
import { findSmtpCode, findStatus, recipientSays } from './explain.js';

/** RFC 3464 §2.2 per-message fields and §2.3 per-recipient fields of a message/delivery-status body. */
export interface DeliveryStatus {
  reportingMta?: string;
  arrivalDate?: string;
  recipients: BounceRecipient[];
}

/** Drops the RFC 3464 type prefix (`rfc822;`, `dns;`): `rfc822; a@b` gives `a@b`. */
function stripType(value: string): string {
  const m = /^\s*[A-Za-z][\w.-]*\s*;\s*(.*)$/s.exec(value);
  return (m ? m[1]! : value).trim().replace(/^<(.*)>$/, '$1');
}

/** An MTA name without its type and trailing comments: `dns; mx.example.jp (TCP|...)` gives `mx.example.jp`. */
function mtaName(value: string): string {
  return stripType(value).split(/\s+/)[0]!.replace(/\.$/, '');
}

/** Diagnostic-Code keeps its type unless it is the usual `smtp;` (RFC 3464 §2.3.6). */
function diagnostic(value: string): string {
  const m = /^\s*smtp\s*;\s*(.*)$/is.exec(value);
  return (m ? m[1]! : value).trim();
}

function get(fields: readonly HeaderField[], key: string): string | undefined {
  for (const f of fields) if (f.key === key && f.value !== '') return f.value;
  return undefined;
}

/** Parses blocks separated by empty lines: the first is per-message, each following one is a recipient. */
export function parseDeliveryStatus(text: string, context?: string): DeliveryStatus {
  const blocks = text.split(/\r?\n[ \t]*\r?\n/).filter((b) => b.trim() !== '');
  const out: DeliveryStatus = { recipients: [] };
  for (const block of blocks) {
    const { fields } = splitHeaders(block.replace(/^\s*\r?\n/, ''));
    if (fields.length === 0) continue;
    const reporting = get(fields, 'reporting-mta');
    if (reporting && !out.reportingMta) out.reportingMta = mtaName(reporting);
    const arrival = get(fields, 'arrival-date');
    if (arrival && !out.arrivalDate) out.arrivalDate = arrival;
    // Some MTAs put recipient fields in the per-message block (lhost-amazonses-05): any block with a recipient counts.
    const original = get(fields, 'original-recipient');
    const final = get(fields, 'final-recipient') ?? original ?? get(fields, 'x-actual-recipient');
    if (!final) continue;
    const r: Omit<BounceRecipient, 'says'> = { recipient: stripType(final) };
    if (original && stripType(original).toLowerCase() !== r.recipient.toLowerCase()) r.originalRecipient = stripType(original);
    const action = get(fields, 'action');
    if (action) r.action = action.trim().toLowerCase();
    const statusField = get(fields, 'status');
    const diag = get(fields, 'diagnostic-code');
    const status = (statusField && findStatus(statusField)) ?? (diag && findStatus(diag));
    if (status) r.status = status;
    if (diag) {
      r.diagnosticCode = diagnostic(diag);
      const code = findSmtpCode(r.diagnosticCode);
      if (code) r.smtpCode = code;
    }
    const remote = get(fields, 'remote-mta');
    if (remote) r.remoteMta = mtaName(remote);
    out.recipients.push({ ...r, says: recipientSays(r, context) });
  }
  return out;
}
