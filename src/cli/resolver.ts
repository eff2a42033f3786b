import type { Config } from '../config.js';
import { resolverFromSettings, type ChosenResolver } from '../dns/index.js';
import { CliError } from './io.js';

/** The DNS to verify with: command-line flags first (--dns-records, --no-dns), then the configuration. */
export function resolverFor(dns: Config['dns'], flags: { zoneFile?: string | undefined; noDns?: boolean }): ChosenResolver {
  if (flags.zoneFile && flags.noDns) throw new CliError('--dns-records and --no-dns contradict each other: give one');
  const settings = flags.noDns ? { ...dns, mode: 'none' as const } : flags.zoneFile ? { ...dns, mode: 'zone-file' as const, zoneFile: flags.zoneFile } : dns;
  const chosen = resolverFromSettings(settings);
  if (!chosen.ok) throw new CliError(chosen.message);
  return chosen.value;
}
