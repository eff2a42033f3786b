import { describe, expect, it } from 'vitest';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { decodeBody, decodeWords, qpToBytes } from '../../../../src/headers/signals/bounce/decode.js';
import { detectBounce } from '../../../../src/headers/signals/bounce/index.js';
import { parseContentType, parseMessage, splitMultipart } from '../../../../src/headers/signals/bounce/mime.js';
import { quotedOriginal } from '../../../../src/headers/signals/bounce/original.js';
import { explainSmtp, explainStatus } from '../../../../src/headers/signals/bounce/status-codes.js';
import { findSmtpCode, findStatus } from '../../../../src/headers/signals/bounce/explain.js';

function message(text: string) {
  const lines = text.split('\n');
  const { fields, bodyLine } = splitHeaders(text);
  return { fields, body: bodyLine < 0 ? null : lines.slice(bodyLine).join('\n') };
}

const DSN_HEAD = 'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary="B1"\n\n';

describe('MIME walk', () => {
  it('parses Content-Type parameters, quoted or not', () => {
    expect(parseContentType('multipart/report; report-type=delivery-status;\n boundary="a b;c"')).toEqual({
      type: 'multipart/report',
      params: { 'report-type': 'delivery-status', boundary: 'a b;c' },
    });
    expect(parseContentType(undefined).type).toBe('text/plain');
    expect(parseContentType('garbage').type).toBe('text/plain');
  });

  it('splits parts and tolerates a missing closing boundary', () => {
    expect(splitMultipart('pre\n--B\nA: 1\n\none\n--B\n\ntwo\n--B--\nepilogue', 'B')).toEqual(['A: 1\n\none', '\ntwo']);
    expect(splitMultipart('--B\n\none\n--B\n\ntwo', 'B')).toEqual(['\none', '\ntwo']);
    expect(splitMultipart('no delimiter at all', 'B')).toEqual([]);
    // A longer boundary that starts with this one is not a delimiter.
    expect(splitMultipart('--B\n\none\n--BX\nstill one\n--B--', 'B')).toEqual(['\none\n--BX\nstill one']);
  });

  it('reads a DSN whose closing boundary is missing', () => {
    const text = `${DSN_HEAD}--B1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n`;
    const b = detectBounce(message(text));
    expect(b).toMatchObject({ isBounce: true, kind: 'dsn', reportingMta: 'mx.example.org' });
    expect(b.recipients[0]).toMatchObject({ recipient: 'a@example.net', status: '5.1.1', action: 'failed' });
  });

  it('reads several recipients and a base64 delivery-status part', () => {
    const ds = Buffer.from('Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.2.2\n\nFinal-Recipient: rfc822;<b@example.net>\nAction: delayed\nStatus: 4.4.1\n').toString('base64');
    const text = `${DSN_HEAD}--B1\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n${ds}\n--B1--\n`;
    const b = detectBounce(message(text));
    expect(b.recipients.map((r) => [r.recipient, r.status, r.action])).toEqual([
      ['a@example.net', '5.2.2', 'failed'],
      ['b@example.net', '4.4.1', 'delayed'],
    ]);
    expect(b.says).toMatch(/for 2 recipients/);
  });

  it('does not throw on binary junk, wrong charsets, nesting or a flood of parts', () => {
    const junk = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    const inputs = [
      `${DSN_HEAD}${junk}`,
      `${DSN_HEAD}--B1\nContent-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n--B1--`,
      `${DSN_HEAD}--B1\nContent-Type: text/plain; charset="iso-2022-jp"\nContent-Transfer-Encoding: quoted-printable\n\n=1B$B=ZZ=\n--B1--`,
      `${DSN_HEAD}${'--B1\nContent-Type: multipart/mixed; boundary="B1"\n\n'.repeat(50)}`,
      `${DSN_HEAD}${'--B1\nContent-Type: text/plain\n\nx\n'.repeat(1000)}--B1--`,
      `${DSN_HEAD}--B1\nContent-Type: message/rfc822\n\n`,
      'From: MAILER-DAEMON\nContent-Type: multipart/report; boundary=\n\n--\n--',
    ];
    for (const text of inputs) {
      const b = detectBounce(message(text));
      expect(b.says).not.toMatch(/could not be examined/);
    }
    const root = parseMessage(message(inputs[4]!).fields, message(inputs[4]!).body!);
    expect(root.children.length).toBeLessThanOrEqual(300);
  });

  it('recovers a boundary lost to a broken fold (the first delimiter line)', () => {
    const text = 'From: post_master@example.com\nContent-Type: multipart/mixed; boundary="O"\n\n--O\nContent-Type: multipart/alternative;\nboundary="I"\n\n--I\nContent-Type: text/plain\n\nError: Invalid user address\nRCPT TO: gone@example.net\n550 no such user\n--I--\n--O--\n';
    const b = detectBounce(message(text));
    expect(b.recipients[0]).toMatchObject({ recipient: 'gone@example.net', smtpCode: '550' });
  });
});

describe('decoders', () => {
  it('quoted-printable soft breaks and escapes (RFC 2045 §6.7)', () => {
    expect(Buffer.from(qpToBytes('a=3Db=\nc =C3=A9')).toString('utf8')).toBe('a=bc é');
    expect(decodeBody('caf=C3=A9', 'quoted-printable', 'utf-8')).toBe('café');
    expect(decodeBody('Y2Fmw6k=', 'base64', 'utf-8')).toBe('café');
  });

  it('RFC 2047 encoded words, adjacent ones joined', () => {
    expect(decodeWords('=?iso-2022-jp?B?GyRCJUslYyE8JXMbKEI=?=')).toBe('ニャーン');
    expect(decodeWords('=?UTF-8?Q?AutoRespons?= :Nyaan?')).toBe('AutoRespons :Nyaan?');
    expect(decodeWords('=?iso-8859-1?Q?Non_remis_:_Votre_deuxi=E8me?=\n =?iso-8859-1?Q?_os?=')).toBe('Non remis : Votre deuxième os');
    expect(decodeWords('=?bogus-charset?B?????=')).toBeTypeOf('string');
  });
});

describe('status codes', () => {
  it('explains RFC 3463 codes and RFC 5321 replies', () => {
    expect(explainStatus('5.1.1')).toMatch(/^permanent failure.*mailbox doesn't exist/);
    expect(explainStatus('4.2.2')).toMatch(/^temporary failure.*mailbox is full/);
    expect(explainStatus('5.7.1')).toMatch(/refused/);
    expect(explainStatus('5.1.351')).toMatch(/a problem with an address/);
    expect(explainStatus('not a code')).toBeUndefined();
    expect(explainSmtp('550')).toMatch(/^permanent failure/);
    expect(explainSmtp('421')).toMatch(/^temporary failure/);
  });

  it('finds codes without mistaking IP addresses or versions', () => {
    expect(findStatus('from 192.0.2.135 said 5.2.2 full')).toBe('5.2.2');
    expect(findStatus('mail server, version 0.65.2')).toBeUndefined();
    expect(findStatus('host 192.0.2.5 down')).toBeUndefined();
    expect(findSmtpCode('said: 550-5.7.25 [192.0.2.202] The IP')).toBe('550');
    expect(findSmtpCode('smtp;550 5.1.1 <a@b>')).toBe('550');
  });
});

describe('quoted originals', () => {
  it('takes the header block after a marker and stops at the blank line', () => {
    const text = 'Sorry.\n\n--- Below this line is a copy of the message.\n\nReceived: from x\n  by y; Thu, 1 Jan 2015 00:00:00 +0000\nSubject: Hi\n\nbody\n';
    expect(quotedOriginal(text)).toBe('Received: from x\n  by y; Thu, 1 Jan 2015 00:00:00 +0000\nSubject: Hi');
    expect(quotedOriginal('The original message was received at Thu\nFrom: x')).toBeUndefined();
  });
});
