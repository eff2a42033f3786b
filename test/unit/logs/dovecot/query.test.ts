import { describe, expect, it } from 'vitest';
import { dovecotMatcher, inWindow, lineFilter, normalizeMessageId } from '../../../../src/logs/dovecot/query.js';
import type { Trace } from '../../../../src/logs/model.js';

describe('Dovecot query matching', () => {
  it('Message-IDs compare without brackets, spaces or case', () => {
    expect(normalizeMessageId(' <Abc.1@Example.org> ')).toBe('abc.1@example.org');
    const m = dovecotMatcher({ messageId: 'abc.1@example.org' });
    expect(m({ user: 'bob', msgid: '<ABC.1@example.org>' })).toBe('yes');
    expect(m({ user: 'bob', msgid: '<abc.2@example.org>' })).toBe('no');
    expect(m({ user: 'bob' })).toBe('no');
  });

  it('recipients: the Dovecot user with or without domain, +detail ignored', () => {
    const m = dovecotMatcher({ to: 'Bob+news@Example.com' });
    expect(m({ user: 'bob@example.com' })).toBe('yes');
    expect(m({ user: 'bob' })).toBe('yes');
    expect(m({ user: 'bobby@example.com' })).toBe('no');
    expect(m({ user: 'bob@example.org' })).toBe('no');
  });

  it('Subject and From: unknown until logged, then substring (Subject: cut at 80 with "...")', () => {
    const m = dovecotMatcher({ subject: 'Invoice  42', from: 'alice@example.org' });
    expect(m({ user: 'bob' })).toBe('unknown');
    expect(m({ user: 'bob', subject: 'Re: invoice 42 (March)' })).toBe('unknown');
    expect(m({ user: 'bob', subject: 'Re: invoice 42 (March)', from: 'Alice <Alice@example.org>' })).toBe('yes');
    expect(m({ user: 'bob', subject: 'Re: invoice 43' })).toBe('no');
  });

  it('a query Dovecot cannot answer (queue id only) matches nothing', () => {
    expect(dovecotMatcher({ queueId: 'ABC123' })({ user: 'bob', msgid: '<a@b>' })).toBe('no');
  });

  it('the raw-line prefilter lets through every line that may matter', () => {
    const f = lineFilter({ messageId: '<Abc.1@example.org>' })!;
    expect(f('... imap(bob): expunge: box=INBOX, uid=5, msgid=<Abc.1@example.org>, size=1')).toBe(true);
    expect(f('... imap(bob): expunge: box=INBOX, uid=5, msgid=<abc.1@EXAMPLE.org>, size=1')).toBe(true);
    expect(f('... imap(bob): expunge: box=INBOX, uid=5')).toBe(true);
    expect(f('... imap-login: Login: user=<bob>, session=<x>')).toBe(true);
    expect(f('... imap(bob): expunge: box=INBOX, uid=6, msgid=<other@example.org>')).toBe(false);
    const t = lineFilter({ to: 'Bob+x@example.com' })!;
    expect(t('... lmtp(BOB@example.com)<1><s>: msgid=<a@b>: saved mail to INBOX')).toBe(true);
    expect(t('... lmtp(carol@example.com)<1><s>: msgid=<a@b>: saved mail to INBOX')).toBe(false);
    expect(lineFilter({ subject: 'x' })).toBeUndefined();
  });

  it('time window: a trace overlapping it is kept', () => {
    const t = { firstSeen: '2026-03-14T10:00:00.000Z', lastSeen: '2026-03-14T12:00:00.000Z' } as Trace;
    expect(inWindow(t, { to: 'x', since: '2026-03-14T11:00:00Z' })).toBe(true);
    expect(inWindow(t, { to: 'x', since: '2026-03-14T12:00:01Z' })).toBe(false);
    expect(inWindow(t, { to: 'x', until: '2026-03-14T09:59:59Z' })).toBe(false);
    expect(inWindow(t, { to: 'x', until: '2026-03-14T10:00:00Z' })).toBe(true);
  });
});
