import { describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth';
import { toCrlf } from '../../../../src/core/crlf.js';
import { fastDkimVerify, headerEnd } from '../../../../src/headers/auth/fast-dkim.js';
import { loadZoneResolver } from '../../../../src/dns/index.js';
import { corpusMessages, readCorpus, ZONEFILE } from '../../../helpers/corpus.js';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../helpers/corpus.js';

const zone = loadZoneResolver(ZONEFILE);
if (!zone.ok) throw new Error(zone.message);
const options = { resolver: zone.value as never, curTime: new Date('2017-01-01T00:00:00Z') };

/** What both verifiers must agree on, per signature. */
const shape = (r: Awaited<ReturnType<typeof dkimVerify>>) => ({
  headerFrom: r.headerFrom,
  results: (r.results ?? []).map((x) => ({ d: x.signingDomain, s: x.selector, status: x.status.result, comment: x.status.comment, bh: x.status.aligned })),
  arc: Boolean((r as { arc?: unknown }).arc),
});

describe('fastDkimVerify gives mailauth dkimVerify results', () => {
  it.each(corpusMessages())('%s', async (rel) => {
    const input = toCrlf(readFileSync(corpusPath(rel)));
    expect(shape(await fastDkimVerify(input, options))).toEqual(shape(await dkimVerify(input, options)));
  });

  it('finds the header end where it straddles mailauth 64 KiB write chunks', async () => {
    const raw = readCorpus('headers/authentication_milter/google_apps_good.eml').replace(/\r?\n/g, '\r\n');
    const split = raw.indexOf('\r\n\r\n');
    for (const offset of [-3, -2, -1, 0, 1, 2]) {
      // pad with a header so the blank line falls across the 65,536-byte boundary
      const padLen = 65_536 - split - 2 + offset - 'X-Pad: '.length - 2;
      const message = Buffer.from(`X-Pad: ${'a'.repeat(padLen)}\r\n${raw}`, 'latin1');
      const fast = shape(await fastDkimVerify(message, options));
      expect(fast, `offset ${offset}`).toEqual(shape(await dkimVerify(message, options)));
      expect(fast.results[0]?.status, `offset ${offset}`).toBe('pass');
    }
  });

  it('headerEnd finds LF LF and LF CR LF, and -1 without a blank line', () => {
    expect(headerEnd(Buffer.from('A: b\n\nbody'))).toBe(6);
    expect(headerEnd(Buffer.from('A: b\r\n\r\nbody'))).toBe(8);
    expect(headerEnd(Buffer.from('A: b\r\nC: d\r\n'))).toBe(-1);
  });
});
