/**
 * Text that goes into Slack. Everything from a user, a header or a log passes through here:
 * `mrkdwn()` for mrkdwn text objects and the message fallback, `plain()` for plain_text, `codeSpan()` / `codeBlock()`
 * for raw log lines and header values. The only markup whereismail writes itself is `<@U…>` / `<#C…>` from validated ids
 * and links it builds from validated parts.
 */

// C0 controls except TAB and LF, DEL, C1 controls; CR is normalised to LF first
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embedding/override/isolate controls: they can reorder what follows them (spoofed file names, swapped addresses). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Control characters and bidi overrides stripped, CRLF/CR made LF, lone surrogates made U+FFFD (invalid in JSON for Slack). */
export function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Text for a mrkdwn text object (or a message's fallback `text`): `&`, `<`, `>` become entities, so `<a@b>`,
 * `<!channel>`, `<@U123>` or `<http://x|y>` show as written and never become mentions or links.
 * Slack: Formatting text for app surfaces, "Escaping text".
 * Runs of three or more backticks become U+02CB (ˋ) too: they would open a code block that swallows the rest of the text.
 */
export function mrkdwn(text: string): string {
  return escapeEntities(clean(text)).replace(/`{3,}/g, (run) => '\u02cb'.repeat(run.length));
}

/** Text for a plain_text object: shown as written by Slack (no escaping), control characters stripped. */
export function plain(text: string): string {
  return clean(text);
}

/** Whitespace runs (newlines included) collapsed to one space, trimmed: for buttons, fields, code spans. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeEntities(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Backticks would close a code span or block: replaced with U+02CB (ˋ), which looks alike and is inert. */
function codeText(text: string): string {
  return escapeEntities(clean(text)).replace(/`/g, '\u02cb');
}

/** An inline code span for one raw value (a Message-ID, a queue id, a header value), on one line, at most `max` characters. */
export function codeSpan(text: string, max = 3000): string {
  const body = truncate(codeText(oneLine(text)), Math.max(1, max - 2));
  return body === '' ? '_(empty)_' : `\`${body}\``;
}

/** A ``` block for raw log lines or header text: escaped, backticks neutralised, so nothing in it can end the block. */
export function codeBlock(text: string): string {
  const body = codeText(text).replace(/^\n+|\n+$/g, '');
  return `\`\`\`\n${body === '' ? ' ' : body}\n\`\`\``;
}

/** The raw text a code block would hold for `text` (its length, for budgeting). */
export function codeBlockBody(text: string): string {
  return codeText(text);
}

const ELLIPSIS = '…';
const FENCE = '```';

/**
 * Cut `text` to at most `max` characters (UTF-16 units, as Slack counts them or fewer), ending in an ellipsis.
 * Never cuts inside an entity (`&amp;`), a `<…>` token, a run of backticks or a surrogate pair,
 * and closes a ``` block left open by the cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let kept = text.slice(0, safeCut(text, max - ELLIPSIS.length));
  if (fenceCount(kept) % 2 === 0) return kept + ELLIPSIS;
  const closing = `${ELLIPSIS}\n${FENCE}`;
  if (max < closing.length + 1) return ELLIPSIS;
  kept = text.slice(0, safeCut(text, max - closing.length));
  return fenceCount(kept) % 2 === 0 ? kept + ELLIPSIS : kept + closing;
}

function fenceCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf(FENCE); i !== -1; i = text.indexOf(FENCE, i + FENCE.length)) n++;
  return n;
}

/** The largest cut position <= n that splits no entity, `<…>` token, backtick run or surrogate pair. */
function safeCut(text: string, n: number): number {
  let p = Math.max(0, Math.min(n, text.length));
  const code = text.charCodeAt(p);
  if (p > 0 && code >= 0xdc00 && code <= 0xdfff) p--;
  // an entity or a <token> open before p and closed at or after it
  const amp = text.lastIndexOf('&', p - 1);
  if (amp !== -1 && p - amp < 12 && !text.slice(amp, p).includes(';') && /^&(?:amp|lt|gt|quot|#\d{1,6});/.test(text.slice(amp, amp + 12))) p = amp;
  const lt = text.lastIndexOf('<', p - 1);
  if (lt !== -1 && !text.slice(lt, p).includes('>') && text.indexOf('>', p) !== -1) p = lt;
  while (p > 0 && text[p - 1] === '`' && text[p] === '`') p--;
  return p;
}

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;

/** True for a Slack user id (U…, W…). */
export function isUserId(id: string): boolean {
  return USER_ID.test(id);
}

/** True for a Slack conversation id (C…, G…, D…). */
export function isChannelId(id: string): boolean {
  return CHANNEL_ID.test(id);
}

/** `<@U123>` for a valid user id; anything else is shown escaped, as text. Slack: "Mentioning users". */
export function mention(userId: string): string {
  return isUserId(userId) ? `<@${userId}>` : mrkdwn(userId);
}

/** `<#C123>` for a valid conversation id; anything else is shown escaped, as text. */
export function channelRef(channelId: string): string {
  return isChannelId(channelId) ? `<#${channelId}>` : mrkdwn(channelId);
}

/** The markup whereismail itself writes: mentions of validated ids, and links to http(s)/slack URLs it built. */
const ALLOWED_TOKEN = /<(?:@[UW][A-Z0-9]{2,20}|#[CGD][A-Z0-9]{2,20}|(?:https?|slack):\/\/[^\s<>|]+(?:\|[^<>]*)?)>/y;
const ENTITY = /&(?:amp|lt|gt);/y;

/**
 * Places in a mrkdwn string where `&`, `<` or `>` is not an entity nor whereismail's own markup: text that was not escaped.
 * Broadcasts (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`) are never whereismail's markup.
 */
export function unescapedMarkup(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '&' && c !== '<' && c !== '>') continue;
    const re = c === '&' ? ENTITY : c === '<' ? ALLOWED_TOKEN : null;
    if (re) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        i += m[0].length - 1;
        continue;
      }
    }
    found.push(text.slice(i, i + 24));
  }
  return found;
}
