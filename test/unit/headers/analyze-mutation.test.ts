import { describe, expect, it } from 'vitest';
import { analyzeHeaders, EMPTY_TRUST } from '../../../src/headers/analyze.js';
import { HeaderAnalysisSchema } from '../../../src/headers/model.js';
import { loadZoneResolver } from '../../../src/dns/index.js';
import { randomDamage, rng } from '../../helpers/damage.js';
import { corpusMessages, readCorpus, ZONEFILE } from '../../helpers/corpus.js';

/**
 * Thousands of randomly damaged headers through the WHOLE engine: none throws or rejects, each gives
 * a schema-valid analysis or a clear one-line error. Seeded: a failure names its seed.
 */
describe('analyzeHeaders under random damage', () => {
  const zone = loadZoneResolver(ZONEFILE);
  if (!zone.ok) throw new Error(zone.message);
  const resolver = zone.value;
  const now = new Date('2026-01-01T00:00:00Z');
  const messages = corpusMessages().map((rel) => ({ rel, text: readCorpus(rel) }));
  const ROUNDS = 5_000;

  it.each(messages.map((m) => m.rel))('analyses %s whole and as headers only, with and without DNS', async (rel) => {
    const raw = messages.find((m) => m.rel === rel)!.text;
    for (const input of [raw, raw.split(/\r?\n\r?\n/)[0]!]) {
      for (const r of [resolver, null]) {
        const result = await analyzeHeaders(input, { trust: EMPTY_TRUST, resolver: r, dns: r ? 'zone-file' : 'none', now });
        expect(result.ok, rel).toBe(true);
        if (result.ok) HeaderAnalysisSchema.parse(result.value);
      }
    }
  });

  it(`returns an analysis or a clear error for ${ROUNDS} damaged inputs`, async () => {
    let analysed = 0;
    let refused = 0;
    for (let seed = 1; seed <= ROUNDS; seed++) {
      const r = rng(seed);
      const { rel, text } = messages[seed % messages.length]!;
      // headers only half of the time: the usual paste
      const source = r.chance(0.5) ? text.split(/\r?\n\r?\n/)[0]! : text;
      const damaged = randomDamage(source, r);
      const where = `seed ${seed} (${rel}; ${damaged.applied.join(', ')})`;
      const result = await analyzeHeaders(r.chance(0.3) ? Buffer.from(damaged.text, 'latin1') : damaged.text, {
        trust: EMPTY_TRUST,
        resolver: r.chance(0.5) ? resolver : null,
        dns: 'zone-file',
        now,
      }).catch((e: unknown) => {
        throw new Error(`${where}: rejected: ${String(e)}`);
      });
      if (result.ok) {
        const parsed = HeaderAnalysisSchema.safeParse(result.value);
        expect(parsed.success, `${where}: ${parsed.success ? '' : parsed.error.message.slice(0, 500)}`).toBe(true);
        for (const hop of result.value.trail.hops) expect(hop.delaySeconds === null || hop.delaySeconds >= 0, where).toBe(true);
        analysed++;
      } else {
        expect(result.message, where).toMatch(/\S/);
        expect(result.message.includes('\n'), `${where}: multi-line error`).toBe(false);
        expect(result.message, where).not.toMatch(/\bat \S+ \(|Error:/); // no stack trace or raw exception text
        refused++;
      }
    }
    // the damage is random, not total: most inputs still hold headers worth analysing
    expect(analysed).toBeGreaterThan(ROUNDS * 0.7);
    expect(analysed + refused).toBe(ROUNDS);
  }, 240_000);
});
