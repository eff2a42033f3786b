import type { FieldDecoder } from './common.js';

/**
 * Gmail labels exposed as headers in raw Gmail API / Takeout messages: `X-Gm-Spam: 0|1`, `X-Gm-Phishy: 0|1`.
 * Not documented by Google; 1 means Gmail put the message in Spam (or flagged it as phishing).
 */
function flag(name: string, yes: string, no: string, verdictYes: 'spam' | 'quarantine'): FieldDecoder {
  return (value) => {
    const v = value.trim();
    if (v !== '0' && v !== '1') return null;
    const on = v === '1';
    return { vendor: 'gmail', verdict: on ? verdictYes : 'clean', details: { [name]: `${v} (${on ? yes : no})` }, says: `Gmail: ${on ? yes : no}.` };
  };
}

export const GOOGLE_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-gm-spam', flag('spam', 'filed in Spam', 'not filed in Spam', 'spam')],
  ['x-gm-phishy', flag('phishy', 'flagged as phishing (shown with a warning, normally in Spam)', 'not flagged as phishing', 'spam')],
]);
