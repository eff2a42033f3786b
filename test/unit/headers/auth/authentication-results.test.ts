import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults } from '../../../../src/headers/auth/authentication-results.js';
import { fieldsNamed, splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { readCorpus } from '../../../helpers/corpus.js';

const arOf = (rel: string): string[] => fieldsNamed(splitHeaders(readCorpus(rel)).fields, 'authentication-results').map((f) => f.value);

describe('parseAuthenticationResults (RFC 8601 §2.2)', () => {
  it('reads the authserv-id and several results of one method (google_apps_good_sanitize)', () => {
    const [first] = arOf('headers/authentication_milter/google_apps_good_sanitize.eml');
    const r = parseAuthenticationResults(first!);
    expect(r.authservId).toBe('example.com');
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['dkim-adsp=fail', 'dkim=fail', 'dkim=fail', 'dmarc=fail', 'iprev=fail', 'spf=fail', 'x-ptr=fail']);
    expect(r.unparsed).toEqual([]);
  });

  it('reads Gmail style: comments with ; and :, properties, quoted values (multi-dkim-sig)', () => {
    const [v] = arOf('headers/zk-email-verify/multi-dkim-sig.eml');
    const r = parseAuthenticationResults(v!);
    expect(r.authservId).toBe('mx.google.com');
    expect(r.results.map((x) => x.method)).toEqual(['dkim', 'dkim', 'spf', 'dmarc']);
    expect(r.results[0]!.props).toEqual({ 'header.i': '@bf01.eu1.hubspotstarter.net', 'header.s': 'hs2', 'header.b': 'q91nIcvc' });
    expect(r.results[2]!.comment).toMatch(/^google\.com: domain of .* designates 143\.244\.84\.155 as permitted sender$/);
    expect(r.results[2]!.props['smtp.mailfrom']).toBe('1axclk1bzqg4n43i25e8fa4ia9lyhprr3kurai-yogeshshahi120=gmail.com@bf01.eu1.hubspotstarter.net');
    expect(r.results[3]).toMatchObject({ result: 'pass', comment: 'p=NONE sp=NONE dis=NONE', props: { 'header.from': 'starknet.org' } });
  });

  it('reads Microsoft 365 style without an authserv-id, keeping stray words (lhost-office365-11)', () => {
    const [v] = arOf('headers/sisimai-set-of-emails/lhost-office365-11.eml');
    const r = parseAuthenticationResults(v!);
    expect(r.authservId).toBe('');
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['spf=pass', 'dkim=none', 'dmarc=pass']);
    expect(r.results[0]).toMatchObject({ comment: 'sender IP is 40.92.253.77', props: { 'smtp.helo': 'APC01-SG2-obe.outbound.protection.outlook.com' } });
    expect(r.results[2]!.props).toEqual({ action: 'none', 'header.from': 'outlook.com' });
    expect(r.unparsed).toEqual(['outlook.com', 'outlook.com']);
  });

  it('reads a quoted reason= holding a ; (mailauth message4)', () => {
    const [v] = arOf('headers/mailauth/message4.eml');
    const r = parseAuthenticationResults(v!);
    expect(r.authservId).toBe('uvn-67-33.tll01.zonevs.eu');
    expect(r.results[0]).toMatchObject({ method: 'dkim', result: 'pass', reason: '1024-bit key; insecure key', props: { 'header.d': 'out.srv.dev' } });
    expect(r.results.map((x) => x.method)).toEqual(['dkim', 'dkim-adsp', 'dkim-atps']);
  });

  it('reads a comment glued to the next property and quoted comments (messagelabs, eml_analyzer)', () => {
    // rhost-messagelabs-01.eml, line 68 (inside the returned message), unfolded
    const ml = 'r2.messagelabs.com; spf=pass (server-0.tower-0.messagelabs.com: domain of example.net designates 192.0.2.225 as permitted sender)smtp.mailfrom=example.net';
    expect(parseAuthenticationResults(ml).results[0]).toMatchObject({ method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'example.net' } });
    const [mig] = arOf('headers/eml_analyzer/invalid_datetime.eml');
    const r = parseAuthenticationResults(mig!);
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['dkim=pass', 'dkim=fail', 'dmarc=none', 'spf=softfail', 'arc=reject']);
    expect(r.results[1]!.comment).toBe('"body hash did not verify"');
    expect(r.results[3]!.props['smtp.mailfrom']).toBe('bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si');
  });

  it('attaches a property split off by a stray ; to the result before it (lhost-yahoo-01)', () => {
    const [v] = arOf('headers/sisimai-set-of-emails/lhost-yahoo-01.eml');
    const r = parseAuthenticationResults(v!);
    expect(r.authservId).toBe('mta508.mail.kks.y.example.co.jp');
    expect(r.unparsed).toEqual(['from=y.example.co.jp']);
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['domainkeys=pass', 'dkim=pass']);
    expect(r.results[1]!.props['header.i']).toBe('@y.example.co.jp');
  });

  it('reads a version, "none", nested comments and a method version', () => {
    expect(parseAuthenticationResults('example.org 1; none')).toEqual({ authservId: 'example.org', version: 1, results: [], noResult: true, unparsed: [] });
    const r = parseAuthenticationResults('"mx.example.org" (a (nested) comment); dkim/1 = pass (good (very)) header.d = "example.com"');
    expect(r.authservId).toBe('mx.example.org');
    expect(r.results).toEqual([{ method: 'dkim', result: 'pass', comment: 'good (very)', props: { 'header.d': 'example.com' } }]);
  });

  it('never throws on junk', () => {
    for (const junk of ['', ';', '(', '"', '=', '==;;==', 'a=b=c=', '(((;)))', '\\', '; ; ;']) {
      expect(() => parseAuthenticationResults(junk)).not.toThrow();
    }
  });
});
