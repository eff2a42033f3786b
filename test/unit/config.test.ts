import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCidr, loadConfig, parseConfig } from '../../src/config.js';

describe('config', () => {
  it('gives defaults when nothing is set', () => {
    const r = parseConfig({ env: {} });
    expect(r.ok && r.value).toEqual({
      trust: { domains: [], mxHosts: [], ipRanges: [] },
      dns: { mode: 'live', timeoutMs: 5000, servers: [] },
      logs: { sources: [] },
      store: { url: 'sqlite:./.whereismail/cases.db' },
    });
  });

  it('reads YAML and lets the environment win', () => {
    const r = parseConfig({
      env: { WHEREISMAIL_TRUST_DOMAINS: 'Example.COM, example.net', WHEREISMAIL_DNS_RECORDS: '/z.txt' },
      fileText: 'trust:\n  domains: [other.org]\n  ipRanges: [192.0.2.0/24, "2001:db8::/32"]\n',
      filePath: 'w.yml',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.trust.domains).toEqual(['example.com', 'example.net']);
    expect(r.value.trust.ipRanges).toEqual(['192.0.2.0/24', '2001:db8::/32']);
    expect(r.value.dns).toMatchObject({ mode: 'zone-file', zoneFile: '/z.txt' });
  });

  it('names the setting and what is wrong for bad values', () => {
    const r = parseConfig({ env: {}, fileText: 'trust:\n  ipRanges: [10.0.0/8]\n  domian: [x]\ndns:\n  mode: sometimes\n', filePath: 'w.yml' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("w.yml: trust.ipRanges[0]: must be an IP address or range in CIDR form");
    expect(r.message).toContain("unknown setting 'domian'");
    expect(r.message).toContain('w.yml: dns.mode: must be one of live, zone-file, none');
  });

  it('rejects broken YAML and a non-mapping document with a one-line reason', () => {
    const bad = parseConfig({ env: {}, fileText: 'trust: [unclosed', filePath: 'w.yml' });
    expect(!bad.ok && bad.message).toMatch(/^w\.yml: not valid YAML or JSON/);
    const list = parseConfig({ env: {}, fileText: '- a\n- b\n', filePath: 'w.yml' });
    expect(!list.ok && list.message).toMatch(/expected a mapping/);
  });

  it('requires a zone file for zone-file mode', () => {
    const r = parseConfig({ env: { WHEREISMAIL_DNS: 'zone-file' } });
    expect(!r.ok && r.message).toMatch(/dns\.zoneFile: dns\.mode is zone-file but dns\.zoneFile is not set/);
  });

  it('loads the file named by WHEREISMAIL_CONFIG, and says when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wim-cfg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ trust: { mxHosts: ['MX1.Example.com'] } }));
    const r = loadConfig({ WHEREISMAIL_CONFIG: file }, dir);
    expect(r.ok && r.value.trust.mxHosts).toEqual(['mx1.example.com']);
    const missing = loadConfig({ WHEREISMAIL_CONFIG: join(dir, 'nope.yml') }, dir);
    expect(!missing.ok && missing.message).toMatch(/does not exist/);
    writeFileSync(join(dir, 'whereismail.config.yml'), 'dns:\n  mode: none\n');
    const found = loadConfig({}, dir);
    expect(found.ok && found.value.dns.mode).toBe('none');
  });

  it('isCidr accepts addresses and ranges and refuses the rest', () => {
    for (const v of ['192.0.2.1', '192.0.2.0/24', '2001:db8::/32', '::1', '0.0.0.0/0']) expect(isCidr(v), v).toBe(true);
    for (const v of ['10.0.0/8', '192.0.2.0/33', 'example.com', '1.2.3.4/24/1', '', '2001:db8::/129']) expect(isCidr(v), v).toBe(false);
  });

  it('reads log sources with defaults, and refuses a source without paths', () => {
    const r = parseConfig({ env: {}, fileText: 'logs:\n  sources:\n    - name: mx1\n      paths: [/var/log/mail.log]\n    - kind: exim\n      side: sender\n      retentionDays: 7\n      paths: [/x/mainlog]\n' });
    expect(r.ok && r.value.logs.sources).toEqual([
      { name: 'mx1', kind: 'auto', paths: ['/var/log/mail.log'], side: 'recipient', retentionDays: 14, zone: 'local', expandRotations: true },
      { kind: 'exim', paths: ['/x/mainlog'], side: 'sender', retentionDays: 7, zone: 'local', expandRotations: true },
    ]);
    const bad = parseConfig({ env: {}, fileText: 'logs:\n  sources:\n    - kind: qmail\n      paths: []\n', filePath: 'c.yml' });
    expect(!bad.ok && bad.message).toContain('c.yml: logs.sources[0].kind: must be one of auto, postfix, dovecot, exim');
    expect(!bad.ok && bad.message).toContain('c.yml: logs.sources[0].paths: give at least one log file path');
    const env = parseConfig({ env: { WHEREISMAIL_LOGS: '/a.log, /b.log' } });
    expect(env.ok && env.value.logs.sources[0]?.paths).toEqual(['/a.log', '/b.log']);
  });

  it('reads the store URL from the file or WHEREISMAIL_STORE, and refuses one that names no store without echoing it', () => {
    const file = parseConfig({ env: {}, fileText: 'store:\n  url: sqlite:/var/lib/whereismail/cases.db\n' });
    expect(file.ok && file.value.store.url).toBe('sqlite:/var/lib/whereismail/cases.db');
    const env = parseConfig({ env: { WHEREISMAIL_STORE: 'postgres://wim@db.example:5432/wim' }, fileText: 'store:\n  url: sqlite:/x.db\n' });
    expect(env.ok && env.value.store.url).toBe('postgres://wim@db.example:5432/wim');
    const bad = parseConfig({ env: { WHEREISMAIL_STORE: 'mysql://root:hunter2@db/wim' }, filePath: 'c.yml' });
    expect(!bad.ok && bad.message).toContain('c.yml: store.url: must be sqlite:/path/to/cases.db or postgres://');
    expect(!bad.ok && bad.message).not.toContain('hunter2');
    const typo = parseConfig({ env: {}, fileText: 'store:\n  path: /x.db\n', filePath: 'c.yml' });
    expect(!typo.ok && typo.message).toContain("unknown setting 'path'");
  });
});
