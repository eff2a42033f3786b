import type { Config } from './config.js';
import { resolverFromSettings } from './dns/index.js';
import { analyzeHeaders } from './headers/analyze.js';
import type { LogQuery } from './logs/model.js';
import { searchLogs } from './logs/search.js';
import { buildLogSources } from './logs/sources.js';
import type { CaseSource } from './triage/model.js';
import type { TriageDeps } from './triage/service.js';
import type { Result } from './core/evidence.js';

/** The evidence engines, configured: what the triage service needs from the header and log halves. */
export type Engines = Pick<TriageDeps, 'analyze' | 'search' | 'sources'>;

/** Builds the header analyser (trust, DNS) and the log searcher (configured sources, by side) from the settings. */
export function enginesFromConfig(config: Config, now: () => Date): Result<Engines> {
  const chosen = resolverFromSettings(config.dns);
  if (!chosen.ok) return chosen;
  const { resolver, kind: dns } = chosen.value;
  const sources: CaseSource[] = config.logs.sources.map((s, i) => ({ name: s.name ?? `logs${i + 1}`, side: s.side, retentionDays: s.retentionDays }));
  return {
    ok: true,
    value: {
      sources,
      analyze: (input) => analyzeHeaders(input, { trust: config.trust, resolver, dns, now: now() }),
      search: async (side, query: LogQuery, onProgress) => {
        const settings = config.logs.sources.filter((s) => s.side === side);
        if (settings.length === 0) throw new Error(`no ${side}-side log sources are configured (logs.sources in the configuration)`);
        const built = await buildLogSources(settings, { referenceTime: now() });
        if (built.sources.length === 0) throw new Error(`the ${side}-side logs cannot be read: ${built.problems.join('; ')}`);
        const result = await searchLogs(query, built.sources, { now: now(), onProgress: (p) => onProgress(p.file, p.bytesTotal ? Math.round((p.bytesRead / p.bytesTotal) * 100) : 0) });
        for (const problem of built.problems) result.searched.push({ source: 'input', kind: 'files', files: [], linesRead: 0, problems: [problem] });
        return result;
      },
    },
  };
}
