import type { HeaderField } from '../../../../src/headers/input/model.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { readCorpus } from '../../../helpers/corpus.js';

/** A corpus message as the lead passes it: fields from splitHeaders, body = text after the first blank line. */
export function loadMessage(rel: string): { fields: HeaderField[]; body: string | null } {
  const text = readCorpus(rel);
  const { fields, bodyLine } = splitHeaders(text);
  if (bodyLine < 0) return { fields, body: null };
  const lines = text.split(/\r?\n/);
  return { fields, body: lines.slice(bodyLine).join('\n') };
}

export const SISIMAI = 'headers/sisimai-set-of-emails';
