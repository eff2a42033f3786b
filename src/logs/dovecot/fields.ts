/**
 * `key=value, key=value` lists as Dovecot writes them: the mail_log plugin's fields and custom
 * `deliver_log_format`s. Values are not quoted and may themselves contain `, ` (a Subject, a From
 * display name), so a value runs until the next `, <known key>=`.
 */

/** mail_log_fields in the order the plugin writes them (Dovecot src/plugins/mail-log/mail-log-plugin.c). */
export const MAIL_LOG_KEYS = ['box', 'uid', 'msgid', 'size', 'vsize', 'from', 'subject', 'flags'] as const;
/** deliver_log_format variables as commonly named in custom formats (%m %f %s %p %w, session). */
export const DELIVER_KEYS = ['msgid', 'from', 'subject', 'size', 'vsize', 'session', 'box', 'uid'] as const;

export type FieldMap = Partial<Record<string, string>>;

/**
 * Parses `box=INBOX, uid=3, msgid=<a@b>, size=1094, from=A <a@b>, subject=Hi, there, flags=(\Seen)`.
 * With `ordered`, a key is only recognised after the keys before it (mail_log's fixed order), so a
 * Subject containing `, from=` cannot start a field. `flags=(…)` is taken from the end first.
 */
export function parseFields(text: string, keys: readonly string[], ordered: boolean): FieldMap {
  const out: FieldMap = {};
  let body = text;
  if (keys.includes('flags') && body.endsWith(')')) {
    const f = body.startsWith('flags=(') ? 0 : body.lastIndexOf(', flags=(');
    if (f >= 0) {
      out['flags'] = body.slice(f + (f === 0 ? 7 : 9), -1);
      body = body.slice(0, f);
    }
  }
  const seen = new Set<string>(out['flags'] !== undefined ? ['flags'] : []);
  let current: string | undefined;
  let valueStart = 0;
  let minKey = 0;
  let p = 0;
  for (;;) {
    const k = keyAt(body, p, keys, ordered ? minKey : 0, seen);
    let searchFrom = p;
    if (k >= 0) {
      const key = keys[k]!;
      if (current !== undefined) out[current] = body.slice(valueStart, p - 2);
      current = key;
      seen.add(key);
      minKey = k + 1;
      valueStart = p + key.length + 1;
      searchFrom = valueStart;
    } else if (current === undefined) {
      return out;
    }
    const comma = body.indexOf(', ', searchFrom);
    if (comma < 0) break;
    p = comma + 2;
  }
  if (current !== undefined) out[current] = body.slice(valueStart);
  return out;
}

/** Index in `keys` of the key that starts at `p` (`key=`), or -1. */
function keyAt(body: string, p: number, keys: readonly string[], from: number, seen: Set<string>): number {
  for (let k = from; k < keys.length; k++) {
    const key = keys[k]!;
    if (!seen.has(key) && body.startsWith(key, p) && body.charCodeAt(p + key.length) === 61 /* = */) return k;
  }
  return -1;
}

/** The address in a From value (`Alice <alice@x>` → `alice@x`; a bare address as is). */
export function addressOf(from: string): string | undefined {
  const lt = from.lastIndexOf('<');
  const gt = from.lastIndexOf('>');
  if (lt >= 0 && gt > lt) {
    const a = from.slice(lt + 1, gt).trim();
    return a || undefined;
  }
  const t = from.trim();
  return t.includes('@') && !t.includes(' ') ? t : undefined;
}

/** Message-ID as logged, or undefined when Dovecot had none (`unspecified`, empty). */
export function cleanMsgid(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' || t === 'unspecified' ? undefined : t;
}
