/**
 * Hand-written tokenizer for Received values (RFC 5322 §3.6.7 / RFC 5321 §4.4): comments nest
 * (RFC 5322 §3.2.2), angle addresses can nest in the wild (`<"a@b" <a@b>>`), brackets hold address literals.
 */
export type TokenKind = 'word' | 'comment' | 'angle' | 'literal' | 'quoted' | 'semi';

export interface Token {
  kind: TokenKind;
  /** word: as written; comment/angle/literal/quoted: the inner text. */
  text: string;
  /** Offsets in the source text (end exclusive), for slicing the raw text back out. */
  start: number;
  end: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Scans a balanced construct from `open` at i; returns the index just past its close (or the text end). */
function scanBalanced(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  let quoted = false;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '"' && open !== '(') quoted = !quoted;
    if (quoted) continue;
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** Splits a Received value into tokens. Never throws; unbalanced constructs run to the end of the text. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === ';') {
      out.push({ kind: 'semi', text: ';', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ')' || c === '>' || c === ']') {
      // stray closer: skip it
      i++;
      continue;
    }
    if (c === '(' || c === '<' || c === '[') {
      const close = c === '(' ? ')' : c === '<' ? '>' : ']';
      const end = scanBalanced(text, i, c, close);
      const closed = text[end - 1] === close && end - 1 > i;
      out.push({
        kind: c === '(' ? 'comment' : c === '<' ? 'angle' : 'literal',
        text: text.slice(i + 1, closed ? end - 1 : end).trim(),
        start: i,
        end,
      });
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, n);
      out.push({ kind: 'quoted', text: text.slice(i + 1, Math.min(j, n)), start: i, end });
      i = end;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text[j]!;
      if (isSpace(d) || d === ';' || d === '(' || d === ')' || d === '"' || d === '<') break;
      j++;
    }
    if (j === i) j = i + 1;
    out.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return out;
}

/** The address inside an angle token or a word: `<"a@b" <a@b>>` → `a@b`, `<>` → ``. */
export function addressOf(tok: Token): string {
  let t = tok.text;
  const lt = t.lastIndexOf('<');
  if (lt >= 0) {
    const gt = t.indexOf('>', lt);
    t = t.slice(lt + 1, gt > lt ? gt : undefined);
  }
  t = t.trim();
  if (t.startsWith('<')) t = t.slice(1);
  if (t.endsWith('>')) t = t.slice(0, -1);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"') && !t.includes('@', 1)) t = t.slice(1, -1);
  return t.replace(/[,;]+$/, '');
}
