import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ok, userError, type Result } from './core/evidence.js';
import { DEFAULT_STORE_URL, isStoreUrl } from './store/url.js';

/** Default locations searched for the configuration file, in order (relative to the working directory). */
export const DEFAULT_CONFIG_FILES = ['whereismail.config.yml', 'whereismail.config.yaml', 'whereismail.config.json'];

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_*.-]+$/, 'must be a host or domain name such as example.com');

const cidr = z
  .string()
  .trim()
  .refine(isCidr, 'must be an IP address or range in CIDR form, e.g. 192.0.2.0/24 or 2001:db8::/32');

export const TrustSettingsSchema = z
  .object({
    /** The recipient's own mail domains: hops received by hosts under them are trusted. */
    domains: z.array(hostName).default([]),
    /** The recipient's MX / gateway host names. */
    mxHosts: z.array(hostName).default([]),
    /** The recipient's server address ranges. */
    ipRanges: z.array(cidr).default([]),
  })
  .strict();

export const DnsSettingsSchema = z
  .object({
    /** live: the system's resolvers; zone-file: answer only from `zoneFile`; none: no DNS (use recorded results). */
    mode: z.enum(['live', 'zone-file', 'none']).default('live'),
    zoneFile: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    servers: z.array(z.string()).default([]),
  })
  .strict()
  .refine((d) => d.mode !== 'zone-file' || Boolean(d.zoneFile), {
    message: 'dns.mode is zone-file but dns.zoneFile is not set: give the path of a BIND-style zone file',
    path: ['zoneFile'],
  });

export const LogSourceSettingsSchema = z
  .object({
    /** Shown in evidence and verdicts, e.g. "mx1" or "provider relay". */
    name: z.string().min(1).optional(),
    /** Which software wrote the log; auto looks at the lines (a syslog mail.log often holds Postfix and Dovecot). */
    kind: z.enum(['auto', 'postfix', 'dovecot', 'exim']).default('auto'),
    paths: z.array(z.string().min(1)).min(1, 'give at least one log file path'),
    /** Whose server this is: the recipient's (searched first) or the sender's. */
    side: z.enum(['recipient', 'sender']).default('recipient'),
    /** How long these logs are kept: evidence older than this is gone. */
    retentionDays: z.number().int().positive().max(3650).default(14),
    /** Time zone of timestamps without one (BSD syslog writes the host's local time). */
    zone: z.enum(['local', 'utc']).default('local'),
    /** Also read rotated files next to each path (mail.log.1, mail.log.2.gz, ...). */
    expandRotations: z.boolean().default(true),
  })
  .strict();

export const LogsSettingsSchema = z
  .object({
    sources: z.array(LogSourceSettingsSchema).default([]),
  })
  .strict();

export const StoreSettingsSchema = z
  .object({
    /** Where cases live: `sqlite:/path/cases.db` (default, relative to the working directory) or `postgres://user@host/db?schema=name`. */
    url: z
      .string()
      .trim()
      .refine(isStoreUrl, 'must be sqlite:/path/to/cases.db or postgres://user@host:5432/database')
      .default(DEFAULT_STORE_URL),
  })
  .strict();

export const ConfigSchema = z
  .object({
    trust: TrustSettingsSchema.default({ domains: [], mxHosts: [], ipRanges: [] }),
    dns: DnsSettingsSchema.default({ mode: 'live', timeoutMs: 5_000, servers: [] }),
    logs: LogsSettingsSchema.default({ sources: [] }),
    store: StoreSettingsSchema.default({ url: DEFAULT_STORE_URL }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type TrustSettings = z.infer<typeof TrustSettingsSchema>;
export type LogSourceSettings = z.infer<typeof LogSourceSettingsSchema>;
export type StoreSettings = z.infer<typeof StoreSettingsSchema>;

/** Environment variables read, with what each sets. Printed by `whereismail config --help` and the README. */
export const ENV_VARS: Record<string, string> = {
  WHEREISMAIL_CONFIG: 'path of the configuration file (YAML or JSON)',
  WHEREISMAIL_TRUST_DOMAINS: 'comma-separated recipient domains (trust.domains)',
  WHEREISMAIL_TRUST_MX: 'comma-separated recipient MX host names (trust.mxHosts)',
  WHEREISMAIL_TRUST_IPS: 'comma-separated recipient IP ranges in CIDR form (trust.ipRanges)',
  WHEREISMAIL_DNS: 'live | zone-file | none (dns.mode)',
  WHEREISMAIL_DNS_RECORDS: 'zone file to answer DNS from (sets dns.mode to zone-file)',
  WHEREISMAIL_LOGS: 'comma-separated log files to search (one recipient-side source, kind auto)',
  WHEREISMAIL_STORE: `where cases are kept: sqlite:/path/cases.db or postgres://user@host/db (store.url; default ${DEFAULT_STORE_URL})`,
};

export interface ConfigInput {
  env: Readonly<Record<string, string | undefined>>;
  /** Text of the configuration file, if one was found. */
  fileText?: string;
  filePath?: string;
}

/** Parses settings from a config file's text and the environment (the environment wins). Pure. */
export function parseConfig(input: ConfigInput): Result<Config> {
  const where = input.filePath ?? 'configuration';
  let fromFile: Record<string, unknown> = {};
  if (input.fileText !== undefined && input.fileText.trim() !== '') {
    let doc: unknown;
    try {
      doc = parseYaml(input.fileText);
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      return userError('config-syntax', `${where}: not valid YAML or JSON (${msg}); fix the file or unset WHEREISMAIL_CONFIG`);
    }
    if (doc !== null && doc !== undefined) {
      if (typeof doc !== 'object' || Array.isArray(doc)) {
        return userError('config-shape', `${where}: expected a mapping of settings (trust:, dns:, ...) at the top level`);
      }
      fromFile = doc as Record<string, unknown>;
    }
  }
  const merged = applyEnv(structuredClone(fromFile), input.env);
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) return userError('config-invalid', formatZodIssues(where, parsed.error));
  return ok(parsed.data);
}

/** Reads the configuration file (WHEREISMAIL_CONFIG or a default name in `cwd`) and the environment. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): Result<Config> {
  const explicit = env.WHEREISMAIL_CONFIG;
  const candidates = explicit ? [explicit] : DEFAULT_CONFIG_FILES.map((f) => `${cwd}/${f}`);
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (explicit) return userError('config-missing', `WHEREISMAIL_CONFIG points to ${path}, which does not exist`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      return userError('config-unreadable', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    return parseConfig({ env, fileText: text, filePath: path });
  }
  return parseConfig({ env });
}

function applyEnv(doc: Record<string, unknown>, env: ConfigInput['env']): Record<string, unknown> {
  const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
  const section = (name: string): Record<string, unknown> => {
    const cur = doc[name];
    if (cur && typeof cur === 'object' && !Array.isArray(cur)) return cur as Record<string, unknown>;
    const fresh: Record<string, unknown> = {};
    doc[name] = fresh;
    return fresh;
  };
  if (env.WHEREISMAIL_TRUST_DOMAINS) section('trust').domains = list(env.WHEREISMAIL_TRUST_DOMAINS);
  if (env.WHEREISMAIL_TRUST_MX) section('trust').mxHosts = list(env.WHEREISMAIL_TRUST_MX);
  if (env.WHEREISMAIL_TRUST_IPS) section('trust').ipRanges = list(env.WHEREISMAIL_TRUST_IPS);
  if (env.WHEREISMAIL_DNS) section('dns').mode = env.WHEREISMAIL_DNS;
  if (env.WHEREISMAIL_DNS_RECORDS) Object.assign(section('dns'), { mode: 'zone-file', zoneFile: env.WHEREISMAIL_DNS_RECORDS });
  if (env.WHEREISMAIL_STORE) section('store').url = env.WHEREISMAIL_STORE;
  if (env.WHEREISMAIL_LOGS) section('logs').sources = [{ name: 'logs', paths: list(env.WHEREISMAIL_LOGS) }];
  return doc;
}

/** One line per problem: `where: path.to.key: what is wrong`. */
export function formatZodIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      let msg = i.message;
      if (i.code === 'unrecognized_keys') msg = `unknown setting ${i.keys.map((k) => `'${k}'`).join(', ')} (check the spelling; see the README)`;
      if (i.code === 'invalid_value' && 'values' in i) msg = `must be one of ${i.values.map(String).join(', ')}`;
      return `${where}: ${path || '(top level)'}: ${msg}`;
    })
    .join('\n');
}

/** True for `192.0.2.1`, `192.0.2.0/24`, `2001:db8::/32`. */
export function isCidr(value: string): boolean {
  const [addr, prefix, extra] = value.split('/');
  if (extra !== undefined || !addr) return false;
  const v = isIP(addr);
  if (v === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const n = Number(prefix);
  return n >= 0 && n <= (v === 4 ? 32 : 128);
}
