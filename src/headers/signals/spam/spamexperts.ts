import type { SpamVerdict } from '../model.js';
import { type FieldDecoder, firstNumber } from './common.js';

/**
 * SpamExperts (N-able) and its rebrand SolarWinds Mail Assure: `X-SpamExperts-Class` / `X-MailAssure-Class`
 * (ham, unsure, spam ...), `X-*-Evidence: Combined (0.60)`, `X-Recommended-Action: accept`.
 * documentation.solarwindsmsp.com/mail-assure/documentation/Content/faqs/email-headers-spam-score.htm
 */

const CLASSES: Readonly<Record<string, { words: string; verdict: SpamVerdict }>> = {
  ham: { words: 'ham: legitimate mail', verdict: 'clean' },
  whitelisted: { words: 'whitelisted: sender on an allow list', verdict: 'clean' },
  unsure: { words: 'unsure: the filter could not decide (a middle-ground score)', verdict: 'suspicious' },
  spam: { words: 'spam', verdict: 'spam' },
  blacklisted: { words: 'blacklisted: sender on a block list', verdict: 'spam' },
  phishing: { words: 'phishing', verdict: 'spam' },
  virus: { words: 'virus', verdict: 'quarantine' },
};

function label(vendor: string): string {
  return vendor === 'mailassure' ? 'Mail Assure (SpamExperts)' : 'SpamExperts';
}

function decodeClass(vendor: string): FieldDecoder {
  return (value) => {
    const v = value.trim().toLowerCase();
    const c = CLASSES[v];
    return {
      vendor,
      verdict: c?.verdict ?? 'unknown',
      details: { class: c ? c.words : `${value.trim()} (not a known class)` },
      says: `${label(vendor)} classified it as ${c ? c.words : value.trim()}.`,
    };
  };
}

function decodeEvidence(vendor: string): FieldDecoder {
  return (value) => {
    const v = value.trim();
    if (v === '') return null;
    const score = firstNumber(v);
    const out = { vendor, verdict: 'unknown' as SpamVerdict, details: { evidence: `${v} (the classifier behind the class, with its confidence)` }, says: `${label(vendor)} evidence: ${v}.` };
    return score === undefined ? out : { ...out, score };
  };
}

const decodeAction: FieldDecoder = (value) => {
  const v = value.trim().toLowerCase();
  const words: Record<string, [string, SpamVerdict]> = {
    accept: ['accept: deliver normally', 'clean'],
    reject: ['reject: refuse the message', 'quarantine'],
    quarantine: ['quarantine: hold the message', 'quarantine'],
    tag: ['tag: deliver marked as spam', 'spam'],
  };
  const w = words[v];
  if (!w) return null;
  return { vendor: 'spamexperts', verdict: w[1], details: { action: w[0] }, says: `The filter's recommended action: ${w[0]}.` };
};

export const SPAMEXPERTS_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-spamexperts-class', decodeClass('spamexperts')],
  ['x-mailassure-class', decodeClass('mailassure')],
  ['x-spamexperts-evidence', decodeEvidence('spamexperts')],
  ['x-mailassure-evidence', decodeEvidence('mailassure')],
  ['x-recommended-action', decodeAction],
]);
