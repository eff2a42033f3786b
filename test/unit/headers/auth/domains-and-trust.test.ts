import { describe, expect, it } from 'vitest';
import { addressList, aligned, orgDomain } from '../../../../src/headers/auth/domains.js';
import { judgeServer, trustedHostFor } from '../../../../src/headers/auth/trust.js';

describe('addressList (RFC 5322 §3.4)', () => {
  it('takes the angle address, ignores @ and commas inside quoted display names and comments', () => {
    expect(addressList('"Smith, J (jsmith@evil.example)" <j@example.org>, other@example.net (Other, Person)')).toEqual(['j@example.org', 'other@example.net']);
    expect(addressList('Marc Bradshaw <marc@marcbradshaw.net>')).toEqual(['marc@marcbradshaw.net']);
    expect(addressList('undisclosed-recipients:;')).toEqual([]);
  });
});

describe('alignment (RFC 7489 §3.1)', () => {
  it('relaxed: same organisational domain; strict: same domain', () => {
    expect(orgDomain('mail.sub.example.co.uk')).toBe('example.co.uk');
    expect(aligned('bf01.eu1.hubspotstarter.net', 'starknet.org')).toBe(false);
    expect(aligned('mail.example.org', 'example.org')).toBe(true);
    expect(aligned('mail.example.org', 'example.org', true)).toBe(false);
  });
});

describe('trust of recorded results (RFC 8601 §5)', () => {
  const hosts = ['mx.example.net'];
  it('accepts the host itself, its subdomains and its organisational domain, not siblings', () => {
    expect(trustedHostFor('mx.example.net', hosts)).toBe('mx.example.net');
    expect(trustedHostFor('a.mx.example.net', hosts)).toBe('mx.example.net');
    expect(trustedHostFor('example.net', hosts)).toBe('mx.example.net');
    expect(trustedHostFor('server.example.net', hosts)).toBeUndefined();
    expect(trustedHostFor('notexample.net', hosts)).toBeUndefined();
    expect(trustedHostFor('', hosts)).toBeUndefined();
  });

  it('trusts nothing when the recipient\'s servers are not known', () => {
    expect(judgeServer('mx.example.net', 3, { trustedHosts: [] })).toMatchObject({ trusted: false });
  });

  it('uses position: below the hop before the recipient means it came with the message', () => {
    const ctx = { trustedHosts: hosts, boundaryLine: 5, senderSideLine: 9 };
    expect(judgeServer('mx.example.net', 7, ctx).trusted).toBe(true);
    expect(judgeServer('mx.example.net', 12, ctx).trusted).toBe(false);
    expect(judgeServer('', 2, ctx).trusted).toBe(true);
    expect(judgeServer('', 7, ctx).trusted).toBe(false);
  });
});
