import { describe, expect, it } from 'vitest';
import { InputSummarySchema } from '../../../../src/headers/input/model.js';
import { prepareInput } from '../../../../src/headers/input/prepare-input.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';
import { headerTextOf, randomDamage, rng } from '../../../helpers/damage.js';

const RUNS = 3000;
const SEED = 20240611;
const USER_ERRORS = new Set(['empty-input', 'binary-input', 'no-headers']);

/** A repaired message starts with the repaired header block and an empty line (UTF-8, or latin1 for 8-bit input). */
function startsWithHead(message: Buffer, headerText: string): boolean {
  const head = `${headerText}\r\n\r\n`;
  return (['utf8', 'latin1'] as const).some((enc) => {
    const b = Buffer.from(head, enc);
    return message.subarray(0, b.length).equals(b);
  });
}

/**
 * Mutation test: thousands of randomly damaged inputs (seeded, so any failure is reproducible from its
 * index) built from every corpus message. prepareInput must never throw, and must return either a
 * consistent result or a user error with one plain line; never the internal-failure fallback.
 */
describe('prepareInput on randomly damaged input', () => {
  const messages = corpusMessages().map((rel) => ({ rel, raw: readCorpus(rel) }));

  it(`survives ${RUNS} random mutations of the corpus`, () => {
    const failures: string[] = [];
    let oks = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = rng(SEED + i);
      const { rel, raw } = messages[i % messages.length]!;
      const base = r.chance(0.5) ? raw : headerTextOf(raw);
      const { text, applied } = randomDamage(base, r);
      const input = r.chance(0.3) ? Buffer.from(text, r.chance(0.5) ? 'utf8' : 'latin1') : text;
      const where = `#${i} ${rel} [${applied.join(', ')}]`;
      let result: ReturnType<typeof prepareInput>;
      try {
        result = prepareInput(input);
      } catch (e) {
        failures.push(`${where}: threw ${String(e)}`);
        continue;
      }
      if (!result.ok) {
        if (!USER_ERRORS.has(result.code)) failures.push(`${where}: unexpected error code ${result.code}`);
        if (result.message.trim() === '' || /[\r\n]/.test(result.message)) failures.push(`${where}: bad message`);
        continue;
      }
      oks++;
      const p = result.value;
      const problems: string[] = [];
      if (/\r(?!\n)|(?<!\r)\n/.test(p.headerText)) problems.push('header line ends not CRLF');
      if (p.headerText.includes('\r\n\r\n') || p.headerText.endsWith('\r\n')) problems.push('empty line in headerText');
      if (JSON.stringify(p.fields) !== JSON.stringify(splitHeaders(p.headerText).fields)) problems.push('fields differ');
      if (p.fields.length === 0 || p.summary.headerCount !== p.fields.length) problems.push('header count');
      if (!InputSummarySchema.safeParse(p.summary).success) problems.push('summary schema');
      if ((p.body === null) !== (p.summary.kind === 'headers-only')) problems.push('kind vs body');
      if (p.body === null && p.summary.bodyBytes !== 0) problems.push('bodyBytes without body');
      if (!Buffer.isBuffer(p.message) || p.message.length === 0) problems.push('message');
      if (p.summary.repairs.length > 0 && !startsWithHead(p.message, p.headerText)) problems.push('message head');
      if (p.summary.repairs.some((x) => x.detail.trim() === '')) problems.push('empty repair detail');
      if (problems.length > 0) failures.push(`${where}: ${problems.join(', ')}`);
    }
    expect(failures).toEqual([]);
    // most damaged messages still hold headers
    expect(oks).toBeGreaterThan(RUNS * 0.8);
  });
});
