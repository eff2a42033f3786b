import type { HeaderField } from '../../../../src/headers/input/model.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { readCorpus } from '../../../helpers/corpus.js';

/**
 * The header field that starts at a 1-based line of a corpus file (in the top header block or inside an
 * attached message), read with the project's splitter: the value is taken from the corpus, never copied.
 */
export function fieldAt(file: string, line: number): HeaderField {
  const lines = readCorpus(`headers/${file}`).split(/\r?\n/);
  const { fields } = splitHeaders(lines.slice(line - 1).join('\n'), line);
  const f = fields[0];
  if (!f || f.line !== line) throw new Error(`no header field starts at ${file}:${line}`);
  return f;
}

/** All top-level header fields of a corpus message. */
export function fieldsOf(file: string): HeaderField[] {
  return splitHeaders(readCorpus(`headers/${file}`)).fields;
}

/** Header fields of a block that starts at a given line (e.g. the original message inside a bounce). */
export function fieldsFrom(file: string, line: number): HeaderField[] {
  const lines = readCorpus(`headers/${file}`).split(/\r?\n/);
  return splitHeaders(lines.slice(line - 1).join('\n'), line).fields;
}

/** A header field built from text (for synthetic cases). */
export function field(name: string, value: string, line = 1): HeaderField {
  return { name, key: name.toLowerCase(), value, raw: `${name}: ${value}`, line };
}
