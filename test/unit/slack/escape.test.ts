import { describe, expect, it } from 'vitest';
import { channelRef, clean, codeBlock, codeSpan, mention, mrkdwn, oneLine, plain, truncate, unescapedMarkup } from '../../../src/slack/escape.js';

describe('mrkdwn: &, <, > from users, headers and logs never become markup', () => {
  it.each([
    ['<a@b>', '&lt;a@b&gt;'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<#C123|general>', '&lt;#C123|general&gt;'],
    ['<http://x|y>', '&lt;http://x|y&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['> not a quote', '&gt; not a quote'],
  ])('%s', (input, want) => {
    expect(mrkdwn(input)).toBe(want);
    expect(unescapedMarkup(mrkdwn(input))).toEqual([]);
  });

  it('strips control characters and bidi overrides, keeps tabs, newlines, RTL text and emoji', () => {
    expect(mrkdwn('a\u0000b\u0007c\u001b[31md\u007f\u0085e')).toBe('abc[31mde');
    expect(mrkdwn('file\u202egpj.exe')).toBe('filegpj.exe');
    expect(mrkdwn('line1\r\nline2\rline3\tx')).toBe('line1\nline2\nline3\tx');
    expect(mrkdwn('שלום مرحبا 👨‍👩‍👧')).toBe('שלום مرحبا 👨‍👩‍👧');
  });

  it('a lone surrogate (invalid in the JSON Slack reads) becomes U+FFFD; pairs stay', () => {
    expect(clean('a\ud800b')).toBe('a\ufffdb');
    expect(clean('a\udc00')).toBe('a\ufffd');
    expect(clean('😀')).toBe('😀');
  });

  it('triple backticks cannot open a code block in plain mrkdwn', () => {
    expect(mrkdwn('a ``` b ```` c ` d')).toBe('a ˋˋˋ b ˋˋˋˋ c ` d');
  });

  it('plain text is shown as written by Slack: no entities, control characters stripped', () => {
    expect(plain('<a@b> & <!channel>\u0000')).toBe('<a@b> & <!channel>');
    expect(oneLine('  a\n\n b\t c ')).toBe('a b c');
  });
});

describe('code spans and blocks', () => {
  it('escape entities and neutralise backticks so nothing ends the block', () => {
    expect(codeSpan('<id@host> `x`')).toBe('`&lt;id@host&gt; ˋxˋ`');
    expect(codeBlock('line <1>\n```\nline & 2')).toBe('```\nline &lt;1&gt;\nˋˋˋ\nline &amp; 2\n```');
    expect(codeSpan('   ')).toBe('_(empty)_');
    expect(codeBlock('')).toBe('```\n \n```');
  });
  it('a code span stays within its size, closed', () => {
    const s = codeSpan('x'.repeat(1000), 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.startsWith('`') && s.endsWith('`')).toBe(true);
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis within max', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', 1)).toBe('…');
  });

  it('never cuts inside an entity', () => {
    const s = mrkdwn('ab&cd');
    // "ab&amp;cd": a cut at 5 would leave "ab&am"
    for (let max = 2; max < s.length; max++) {
      const t = truncate(s, max);
      expect(t.length).toBeLessThanOrEqual(max);
      expect(unescapedMarkup(t), t).toEqual([]);
    }
    expect(truncate(s, 6)).toBe('ab…');
  });

  it('never cuts inside a mention or a surrogate pair', () => {
    expect(truncate(`hi ${mention('U0G9QF9C6')} there`, 10)).toBe('hi …');
    const t = truncate('ab😀cd', 4);
    expect(t).toBe('ab…');
  });

  it('closes a code block it cuts open', () => {
    const block = codeBlock('x'.repeat(500));
    const t = truncate(`head\n${block}`, 100);
    expect(t.length).toBeLessThanOrEqual(100);
    expect(t.endsWith('…\n```')).toBe(true);
    expect((t.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('any cut of escaped hostile text leaves no broken entity, at any length', () => {
    const s = mrkdwn('<!channel> & <a@b> 😀 '.repeat(20));
    for (let max = 0; max <= s.length; max += 7) {
      const t = truncate(s, max);
      expect(t.length).toBeLessThanOrEqual(max);
      expect(unescapedMarkup(t)).toEqual([]);
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(t)).toBe(false);
    }
  });
});

describe('mentions and channel references only from valid ids', () => {
  it('builds <@U…> and <#C…> for ids, escapes anything else', () => {
    expect(mention('U0G9QF9C6')).toBe('<@U0G9QF9C6>');
    expect(mention('W012A3CDE')).toBe('<@W012A3CDE>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
    expect(mention('U123> <!here')).toBe('U123&gt; &lt;!here');
    expect(channelRef('C061EG9SL')).toBe('<#C061EG9SL>');
    expect(channelRef('general')).toBe('general');
  });

  it('unescapedMarkup accepts only our own tokens and entities', () => {
    expect(unescapedMarkup('<@U0G9QF9C6> <#C061EG9SL> <https://acme.slack.com/x|thread> &amp; &lt; &gt;')).toEqual([]);
    expect(unescapedMarkup('<!channel>')).toEqual(['<!channel>', '>']);
    expect(unescapedMarkup('a & b')).toHaveLength(1);
    expect(unescapedMarkup('x > y')).toHaveLength(1);
    expect(unescapedMarkup('<a@b>')).toHaveLength(2);
  });
});
