import type { HeaderField } from './model.js';

/** RFC 5322 §2.2: a field name is printable US-ASCII except colon. */
const FIELD_START = /^([!-9;-~]+)[ \t]*:/;

export interface SplitHeaders {
  fields: HeaderField[];
  /** Lines inside the header block that were neither a field nor a continuation (1-based line numbers). */
  strayLines: number[];
  /** Index (0-based line) of the first body line, or -1 when there is no body separator. */
  bodyLine: number;
}

/**
 * Splits a header block into fields, keeping each field's first line number and raw text.
 * Stops at the first empty line (RFC 5322 §2.1). Tolerates LF or CRLF.
 * Pure and tolerant: it never throws; unrecognised lines are reported, not dropped silently.
 */
export function splitHeaders(text: string, firstLineNumber = 1): SplitHeaders {
  const lines = text.split(/\r?\n/);
  const fields: HeaderField[] = [];
  const strayLines: number[] = [];
  let bodyLine = -1;
  let cur: { name: string; parts: string[]; line: number } | null = null;

  const flush = (): void => {
    if (!cur) return;
    const raw = cur.parts.join('\r\n');
    const colon = cur.parts[0]!.indexOf(':');
    const first = cur.parts[0]!.slice(colon + 1);
    const rest = cur.parts.slice(1).map((p) => p.trim());
    const value = [first.trim(), ...rest].filter((p) => p.length > 0).join(' ');
    fields.push({ name: cur.name, key: cur.name.toLowerCase(), value, raw, line: cur.line });
    cur = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      // RFC 5322 §4.2 (obs-FWS): a whitespace-only line between two folded lines belongs to the field
      let j = i + 1;
      while (j < lines.length && j < i + 200 && lines[j] !== '' && lines[j]!.trim() === '') j++;
      const next = lines[j];
      if (line !== '' && cur !== null && next !== undefined && (next[0] === ' ' || next[0] === '\t') && next.trim() !== '') {
        cur.parts.push(line);
        continue;
      }
      // RFC 5322 §2.1: an empty line ends the header block (a whitespace-only line too: a common paste artefact)
      bodyLine = i + 1;
      break;
    }
    const c0 = line.charCodeAt(0);
    if (c0 === 0x20 || c0 === 0x09) {
      if (cur) cur.parts.push(line);
      else strayLines.push(firstLineNumber + i);
      continue;
    }
    const m = FIELD_START.exec(line);
    if (m) {
      flush();
      cur = { name: m[1]!, parts: [line], line: firstLineNumber + i };
      continue;
    }
    strayLines.push(firstLineNumber + i);
  }
  flush();
  return { fields, strayLines, bodyLine };
}

/** All fields with the given (case-insensitive) name, top first. */
export function fieldsNamed(fields: readonly HeaderField[], name: string): HeaderField[] {
  const key = name.toLowerCase();
  return fields.filter((f) => f.key === key);
}

/** The first (topmost) field with the given name. */
export function firstField(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  const key = name.toLowerCase();
  return fields.find((f) => f.key === key);
}
