import type { FieldDecoder } from './common.js';

/**
 * Cisco Secure Email (IronPort): `X-IronPort-Anti-Spam-Filtered: true` says the message was scanned;
 * `X-IronPort-Anti-Spam-Result` is an encoded blob Cisco does not document (it cannot be read as a verdict);
 * `X-IronPort-AV: E=Sophos;i="..."` names the anti-virus engine. A positive spam verdict is usually shown by
 * a tagged Subject or a custom header configured by the administrator, not by these headers.
 */

const VENDOR = 'ironport';

const decodeFiltered: FieldDecoder = (value) => {
  const v = value.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') return null;
  return {
    vendor: VENDOR,
    verdict: 'unknown',
    details: { filtered: v === 'true' ? 'true (the anti-spam engine scanned it)' : 'false (not scanned)' },
    says: v === 'true' ? 'Cisco IronPort scanned it for spam (these headers do not say the result).' : 'Cisco IronPort did not scan it for spam.',
  };
};

const decodeResult: FieldDecoder = (value) => {
  const v = value.trim();
  if (v === '') return null;
  return {
    vendor: VENDOR,
    verdict: 'unknown',
    details: { result: 'encoded, undocumented data (not readable as a verdict)' },
    says: 'Cisco IronPort anti-spam result: an encoded blob that Cisco does not document; it gives no readable verdict.',
  };
};

const decodeAv: FieldDecoder = (value) => {
  const engine = /(?:^|;)\s*E=([^;]+)/.exec(value)?.[1]?.trim();
  if (!engine) return null;
  return { vendor: VENDOR, verdict: 'unknown', details: { engine }, says: `Cisco IronPort anti-virus scan (${engine} engine).` };
};

export const IRONPORT_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-ironport-anti-spam-filtered', decodeFiltered],
  ['x-ironport-anti-spam-result', decodeResult],
  ['x-ironport-av', decodeAv],
]);
