import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZoneFile, reverseName, type ZoneData } from '../../../src/dns/index.js';
import { ZONEFILE } from '../../helpers/corpus.js';

function parsed(text: string): ZoneData {
  const z = parseZoneFile(text);
  if (!z.ok) throw new Error(z.message);
  return z.value;
}

describe('parseZoneFile on authentication_milter/zonefile', () => {
  const zone = parsed(readFileSync(ZONEFILE, 'utf8'));

  it('reads every line without a problem', () => {
    expect(zone.problems).toEqual([]);
  });

  it('records the ;ERROR lines as NXDOMAIN, PTR ones under their reverse name', () => {
    expect(zone.nxdomain).toEqual([
      { name: '4.3.2.1.in-addr.arpa', type: 'PTR', line: 8 },
      { name: '123.123.123.123.in-addr.arpa', type: 'PTR', line: 9 },
      { name: '123.123.123.99.in-addr.arpa', type: 'PTR', line: 10 },
      { name: '_dmarc.example.com', type: 'TXT', line: 11 },
      { name: '_policy._domainkey.marcbradshaw.net', type: 'TXT', line: 12 },
    ]);
  });

  it('reads lines without TTL and class', () => {
    expect(zone.records[0]).toEqual({ name: 'messagingengine.com.domainwl.authmilter.org', type: 'A', data: '127.0.0.2', line: 1 });
  });

  it('reads TTL, class, PTR and CNAME, and a name written without the trailing dot', () => {
    expect(zone.records.find((r) => r.name === '171.82.125.74.in-addr.arpa')).toMatchObject({ type: 'PTR', ttl: 62004, data: 'mail-we0-f171.google.com' });
    expect(zone.records.find((r) => r.name === 'mail-we0-f172.google.com')).toMatchObject({ type: 'CNAME', data: 'cnamea.example.com' });
    expect(zone.records.find((r) => r.name === 'cnamea.example.com')).toMatchObject({ type: 'A', ttl: 56383, data: '74.125.82.172' });
  });

  it('keeps ( "quoted" unquoted unquoted ) TXT strings apart', () => {
    const tfe2 = zone.records.find((r) => r.name === 'tfe2._domainkey.marcbradshaw.net');
    expect(tfe2?.type).toBe('TXT');
    const data = tfe2!.data as string[];
    expect(data).toHaveLength(3);
    expect(data[0]).toBe('v=DKIM1; k=rsa; ');
    expect(data[2]!.endsWith('EzmK91wIDAQAB')).toBe(true);
  });

  it('reads unquoted TXT data, with and without parentheses, and a TXT line without data', () => {
    expect(zone.records.find((r) => r.name === '_adsp._domainkey.goestheweasel.com')).toMatchObject({ type: 'TXT', data: ['dkim=all'] });
    expect(zone.records.find((r) => r.name === 'marcbradshaw.net._report._dmarc.ops.twofiftyeight.ltd.uk')).toMatchObject({ data: ['v=DMARC1'] });
    expect(zone.records.find((r) => r.name === '_domainkey.goestheweasel.com')).toMatchObject({ type: 'TXT', data: [''] });
  });

  it('keeps a quoted $Id string whole', () => {
    const txt = zone.records.filter((r) => r.name === 'example.com' && r.type === 'TXT').map((r) => (r.data as string[]).join(''));
    expect(txt).toEqual(['v=spf1 -all', '$Id: example.com 3280 2014-12-10 00:15:12Z spowell $']);
  });

  it('reads MX with its preference, keeping the case of the host', () => {
    expect(zone.records.find((r) => r.name === 'marcbradshaw.net' && r.type === 'MX')).toMatchObject({ data: { priority: 10, exchange: 'ASPMX.L.GOOGLE.COM' } });
  });
});

describe('parseZoneFile syntax', () => {
  it('handles comments, ; inside quotes, class before TTL, and records grouped over lines', () => {
    const z = parsed([
      '; a comment line',
      'a.example. IN 300 TXT "x; not a comment" ; trailing comment',
      'b.example. 60 TXT ( "one"',
      '   "two" )',
      '',
      'c.example. AAAA 2001:db8::1',
    ].join('\n'));
    expect(z.problems).toEqual([]);
    expect(z.records).toEqual([
      { name: 'a.example', type: 'TXT', ttl: 300, data: ['x; not a comment'], line: 2 },
      { name: 'b.example', type: 'TXT', ttl: 60, data: ['one', 'two'], line: 3 },
      { name: 'c.example', type: 'AAAA', data: '2001:db8::1', line: 6 },
    ]);
  });

  it('handles $ORIGIN, @, relative names, escapes and a blank owner (the previous name)', () => {
    const z = parsed(['$ORIGIN example.org.', '$TTL 3600', '@ MX 10 mx', 'www A 192.0.2.1', '    TXT "say \\"hi\\"\\059"'].join('\n'));
    expect(z.records).toEqual([
      { name: 'example.org', type: 'MX', data: { priority: 10, exchange: 'mx.example.org' }, line: 3 },
      { name: 'www.example.org', type: 'A', data: '192.0.2.1', line: 4 },
      { name: 'www.example.org', type: 'TXT', data: ['say "hi";'], line: 5 },
    ]);
  });

  it('reports bad lines with their line number and keeps the good ones', () => {
    const z = parsed(['ok.example. A 192.0.2.7', 'bad.example. A 999.1.1.1', 'soa.example. SOA ns hostmaster 1 2 3 4 5', 'q.example. TXT "open', 'mx.example. MX ten host.', '    A 192.0.2.8'].join('\n'));
    expect(z.records.map((r) => r.line)).toEqual([1, 6]);
    expect(z.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(z.problems[0]!.reason).toMatch(/not an IPv4 address/);
    expect(z.problems[1]!.reason).toMatch(/"SOA" is not supported/);
    expect(z.problems[2]!.reason).toMatch(/unterminated/);
  });

  it('returns an error value, not an exception, when nothing can be read', () => {
    const z = parseZoneFile('this is not\na zone file\n');
    expect(z.ok).toBe(false);
    if (!z.ok) expect(z.message).toMatch(/line 1/);
  });

  it('accepts an empty file as an empty zone', () => {
    expect(parsed('; nothing\n\n')).toEqual({ records: [], nxdomain: [], problems: [] });
  });

  it('never throws on junk', () => {
    for (const junk of ['(((', ')))', '"', '\\', '$ORIGIN', '@', '\u0000\u0001 A', 'a. TXT ( "x" ', ';ERROR,,,', ';ERROR,x,A,SERVFAIL']) {
      expect(() => parseZoneFile(junk)).not.toThrow();
    }
  });
});

describe('reverseName', () => {
  it('reverses IPv4 and IPv6 addresses (RFC 1035 §3.5, RFC 3596 §2.5)', () => {
    expect(reverseName('209.85.217.173')).toBe('173.217.85.209.in-addr.arpa');
    expect(reverseName('2a00:1450:4000::1')).toBe(`1.${'0.'.repeat(22)}4.0.5.4.1.0.0.a.2.ip6.arpa`);
  });
});
