import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { analyzeHeaders, EMPTY_TRUST } from '../src/headers/analyze.js';
import { loadZoneResolver } from '../src/dns/index.js';
import { corpusMessageFiles, ZONEFILE_PATH } from './corpus.js';
import { measure, ratioLine, type BenchResult } from './measure.js';

/**
 * Headers part: every corpus message analysed repeatedly with DNS answered from the zone file,
 * against bare `mailparser.simpleParser` on the same inputs in the same run.
 */
export async function benchHeaders(opts: { rounds: number }): Promise<BenchResult[]> {
  const inputs = corpusMessageFiles().map((p) => readFileSync(p));
  const zone = loadZoneResolver(ZONEFILE_PATH);
  if (!zone.ok) throw new Error(zone.message);
  const resolver = zone.value;
  const now = new Date('2026-01-01T00:00:00Z');

  const ours = async (): Promise<void> => {
    for (const input of inputs) {
      const r = await analyzeHeaders(input, { trust: EMPTY_TRUST, resolver, dns: 'zone-file', now });
      if (!r.ok) throw new Error(`bench input rejected: ${r.message}`);
    }
  };
  const baseline = async (): Promise<void> => {
    for (const input of inputs) await simpleParser(input);
  };

  const [base, mine] = await measure([
    { name: 'mailparser.simpleParser', run: baseline },
    { name: 'whereismail analyzeHeaders', run: ours },
  ], { rounds: opts.rounds, itemsPerRun: inputs.length });
  console.log(`headers: ${inputs.length} corpus messages per run, ${opts.rounds} interleaved rounds, DNS from the zone file`);
  console.log(ratioLine(mine!, base!, 'messages/s', 1.5));
  return [base!, mine!];
}
