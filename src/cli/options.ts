import { formatZodIssues, loadConfig, TrustSettingsSchema, type Config, type LogSourceSettings, type TrustSettings } from '../config.js';
import { parseMailDate } from '../headers/received/date.js';
import { CliError, EXIT, type CliIo } from './io.js';

/** Commander collector for repeatable, comma-separable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter(Boolean));
}

/** Loads the configuration or throws a CliError (exit 3) with every problem listed. */
export function configOrExit(io: CliIo): Config {
  const cfg = loadConfig(io.env, io.cwd);
  if (!cfg.ok) throw new CliError(`invalid configuration:\n${cfg.message}`, EXIT.config);
  return cfg.value;
}

/** Parses a user-given time: ISO 8601 (`2024-10-07T18:59Z`, `2024-10-07 20:59`) or an RFC 5322 date. */
export function parseTimeOption(flag: string, value: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value.trim())
    ? Date.parse(value.trim().replace(' ', 'T'))
    : NaN;
  if (!Number.isNaN(iso)) return new Date(iso);
  const rfc = parseMailDate(value);
  if (rfc && !rfc.flags.includes('bad-date')) return new Date(rfc.iso);
  throw new CliError(`${flag} ${JSON.stringify(value)}: not a time; use ISO 8601 such as 2024-10-07T18:59:00Z or a mail date such as "Mon, 7 Oct 2024 20:59:00 +0200"`);
}

/** The trust settings: the configuration's plus the command line's, validated (a bad range is a usage error). */
export function trustFrom(config: Config, flags: { trustDomain?: string[]; trustMx?: string[]; trustIp?: string[] }): TrustSettings {
  const parsed = TrustSettingsSchema.safeParse({
    domains: [...config.trust.domains, ...(flags.trustDomain ?? [])],
    mxHosts: [...config.trust.mxHosts, ...(flags.trustMx ?? [])],
    ipRanges: [...config.trust.ipRanges, ...(flags.trustIp ?? [])],
  });
  if (!parsed.success) {
    const msg = formatZodIssues('option', parsed.error)
      .replace(/option: domains\[\d+\]/g, '--trust-domain')
      .replace(/option: mxHosts\[\d+\]/g, '--trust-mx')
      .replace(/option: ipRanges\[\d+\]/g, '--trust-ip');
    throw new CliError(msg);
  }
  return parsed.data;
}

/**
 * Log sources given on the command line (`--log [kind:]PATH` recipient side, `--sender-log [kind:]PATH`), or else
 * the configured ones; `--utc` applies to both. Empty when neither is given.
 */
export function logSourcesFromFlags(flags: { log?: string[]; senderLog?: string[]; utc?: boolean }, configured: readonly LogSourceSettings[]): LogSourceSettings[] {
  const zone = flags.utc ? 'utc' : 'local';
  const one = (spec: string, side: 'recipient' | 'sender'): LogSourceSettings => {
    const m = /^(postfix|dovecot|exim|auto):(.+)$/.exec(spec);
    return { kind: (m?.[1] as LogSourceSettings['kind']) ?? 'auto', paths: [m?.[2] ?? spec], side, retentionDays: 14, zone, expandRotations: false };
  };
  const given = [...(flags.log ?? []).map((p) => one(p, 'recipient')), ...(flags.senderLog ?? []).map((p) => one(p, 'sender'))];
  if (given.length > 0) return given;
  return flags.utc ? configured.map((s) => ({ ...s, zone: 'utc' as const })) : [...configured];
}
