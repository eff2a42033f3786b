import type { FieldDecoder } from './common.js';

/**
 * GMX / WEB.DE / 1&1 (United Internet): `X-GMX-Antispam: 0 (Mail was not recognized as spam); Detail=V3;`
 * (0 is not spam; another number is a spam hit, the reason in brackets) and
 * `X-UI-Filterresults: notjunk:1;...` / `junk:1` / `unknown:n`. Not documented by GMX; read as written.
 */

const VENDOR = 'gmx';

const decodeAntispam: FieldDecoder = (value) => {
  const m = /^\s*(\d+)\s*(?:\(([^)]*)\))?/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  const reason = m[2]?.trim();
  return {
    vendor: VENDOR,
    verdict: n === 0 ? 'clean' : 'spam',
    score: n,
    details: { result: `${n}${reason ? ` (${reason})` : ''}` },
    says: n === 0 ? `GMX did not recognise it as spam${reason ? ` ("${reason}")` : ''}.` : `GMX flagged it as spam${reason ? ` (${reason})` : ''}.`,
  };
};

const decodeFilterResults: FieldDecoder = (value) => {
  const m = /^\s*(notjunk|junk|unknown):(\d+)/i.exec(value);
  if (!m) return null;
  const kind = m[1]!.toLowerCase();
  const verdict = kind === 'notjunk' ? 'clean' : kind === 'junk' ? 'spam' : 'unknown';
  return {
    vendor: VENDOR,
    verdict,
    details: { result: `${kind}:${m[2]}` },
    says: kind === 'notjunk' ? 'United Internet (GMX/WEB.DE) filter: not junk.' : kind === 'junk' ? 'United Internet (GMX/WEB.DE) filter: junk.' : 'United Internet (GMX/WEB.DE) filter: no decision.',
  };
};

export const GMX_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-gmx-antispam', decodeAntispam],
  ['x-ui-filterresults', decodeFilterResults],
  [
    'x-ui-out-filterresults',
    (v, f) => {
      const d = decodeFilterResults(v, f);
      return d && { ...d, trusted: false, says: `Outbound filter of the sending side (GMX/WEB.DE), not the recipient's: ${d.details.result}.` };
    },
  ],
]);
