import { describe, expect, it } from 'vitest';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { detectBounce } from '../../../../src/headers/signals/bounce/index.js';
import { BounceSchema, SpamSchema } from '../../../../src/headers/signals/model.js';
import { decodeSpam } from '../../../../src/headers/signals/spam/index.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';

function run(text: string): void {
  const { fields, bodyLine } = splitHeaders(text);
  const body = bodyLine < 0 ? null : text.split(/\r?\n/).slice(bodyLine).join('\n');
  const spam = decodeSpam(fields);
  const bounce = detectBounce({ fields, body });
  expect(SpamSchema.safeParse(spam).success).toBe(true);
  expect(BounceSchema.safeParse(bounce).success).toBe(true);
  // The safety net in detectBounce must not be what kept it from throwing.
  expect(bounce.says).not.toMatch(/could not be examined/);
  // The attached original's fields go through the spam decoder too.
  if (bounce.originalHeaders) expect(SpamSchema.safeParse(decodeSpam(splitHeaders(bounce.originalHeaders).fields)).success).toBe(true);
}

describe('never throws', () => {
  it('on every corpus message, whole and cut short', () => {
    for (const rel of corpusMessages()) {
      const text = readCorpus(rel);
      expect(() => run(text), rel).not.toThrow();
      for (const frac of [0.2, 0.5, 0.8]) expect(() => run(text.slice(0, Math.floor(text.length * frac))), `${rel} @${frac}`).not.toThrow();
    }
  });

  it('on empty and odd input', () => {
    for (const text of ['', '\n\n', 'X-Spam-Status:\n', 'X-Forefront-Antispam-Report: ;;;:::\n', 'Content-Type: multipart/report\n\n--\n', 'From: MAILER-DAEMON\nX-Failed-Recipients: ,,,\n\n']) {
      expect(() => run(text), JSON.stringify(text)).not.toThrow();
    }
  });
});
