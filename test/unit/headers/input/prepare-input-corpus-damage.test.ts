import { describe, expect, it } from 'vitest';
import type { HeaderField, RepairKind } from '../../../../src/headers/input/model.js';
import { prepareInput } from '../../../../src/headers/input/prepare-input.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';
import {
  bodyOf, codeFence, glueBody, gmailOriginal, hardWrap, headerTextOf, htmlEscape, leadingJunk, mixLineEnds,
  oddSpaces, outlookBox, quote, rng, slackify, smartQuotes, stripContinuationIndent, trailingJunk, wordWrap,
} from '../../../helpers/damage.js';

/**
 * Every kind of damage applied to every corpus message: the repaired fields must equal the original ones.
 * A harder test than one message per kind; the few inputs that cannot be told apart are listed below.
 */

function shape(fields: readonly HeaderField[]): string[] {
  return fields.map((f) => `${f.name}: ${f.value.replace(/\s+/g, ' ').trim()}`);
}

/** The original fields; for the two files with column-0 continuation lines, read as if those lines were indented. */
function reference(raw: string): string[] {
  const text = headerTextOf(raw).replace(/\n(?=\(2603:|BCL:|abwl:)/g, '\n ');
  return shape(splitHeaders(text).fields);
}

interface Damage {
  name: string;
  /** The repair expected when the damage changed how the headers split (any of these). */
  kind: RepairKind | RepairKind[];
  apply: (raw: string) => string;
}

/** A wrap that breaks where the outcome equals re-indenting is reported as lost indentation: both are right. */
const WRAP: RepairKind[] = ['lost-folding', 'lost-continuation-indent'];

const header = (raw: string): string => headerTextOf(raw);
const DAMAGES: Damage[] = [
  { name: 'mixed line ends', kind: 'crlf-mix', apply: (raw) => mixLineEnds(header(raw), rng(11)) },
  { name: 'quoted "> " with body', kind: 'quote-prefix', apply: (raw) => quote(`${header(raw)}\n\n${bodyOf(raw)}`, '> ') },
  { name: 'quoted ">"', kind: 'quote-prefix', apply: (raw) => quote(header(raw), '>') },
  { name: 'indentation lost, with body', kind: 'lost-continuation-indent', apply: (raw) => `${stripContinuationIndent(header(raw))}\n\n${bodyOf(raw)}` },
  { name: 'indentation lost, headers only', kind: 'lost-continuation-indent', apply: (raw) => stripContinuationIndent(header(raw)) },
  { name: 'hard-wrapped at 76', kind: WRAP, apply: (raw) => hardWrap(header(raw), 76) },
  { name: 'hard-wrapped at 64', kind: WRAP, apply: (raw) => hardWrap(header(raw), 64) },
  { name: 'word-wrapped at 72', kind: WRAP, apply: (raw) => wordWrap(header(raw), 72) },
  { name: 'word-wrapped at 80', kind: WRAP, apply: (raw) => wordWrap(header(raw), 80) },
  { name: 'Outlook desktop box', kind: 'outlook-box', apply: (raw) => outlookBox(header(raw), 'desktop') },
  { name: 'Outlook web pane', kind: 'outlook-box', apply: (raw) => outlookBox(header(raw), 'web') },
  { name: 'Gmail page, rows on two lines', kind: 'gmail-original', apply: (raw) => gmailOriginal(raw, 'lines') },
  { name: 'body glued to the headers', kind: 'body-after-headers', apply: (raw) => glueBody(header(raw), bodyOf(raw)) },
  { name: 'autocorrect', kind: 'smart-quotes', apply: (raw) => smartQuotes(header(raw)) },
  { name: 'odd spaces', kind: 'nbsp', apply: (raw) => oddSpaces(header(raw), rng(5)) },
  { name: 'HTML-escaped', kind: 'html-entities', apply: (raw) => htmlEscape(header(raw)) },
  { name: 'Slack text', kind: ['slack-markup', 'html-entities'], apply: (raw) => slackify(header(raw)) },
  { name: 'text before', kind: 'leading-junk', apply: (raw) => leadingJunk(header(raw)) },
  { name: 'text after', kind: 'trailing-junk', apply: (raw) => trailingJunk(header(raw)) },
  { name: 'code block', kind: 'code-fence', apply: (raw) => codeFence(header(raw)) },
  {
    name: 'quoted + indentation lost + autocorrect',
    kind: 'quote-prefix',
    apply: (raw) => quote(smartQuotes(stripContinuationIndent(header(raw))), '> '),
  },
];

/**
 * Inputs that are genuinely ambiguous, so no repair can be right:
 * - lhost-gmx-01: its X-UI-Filterresults value is 73-character pieces separated by spaces and the header has
 *   no indented line at all, so word-wrapping at 72 leaves 1-character lines indistinguishable from body text;
 * - spam_headers: its body starts with a space, so glued to the headers it is a continuation line by RFC 5322 itself;
 *   and its From and Subject fold over dozens of whitespace-only lines (obs-FWS): once those lose their space,
 *   or wrapping cuts between them, they are empty lines, i.e. the end of the header block.
 */
const AMBIGUOUS = new Set([
  'word-wrapped at 72|headers/sisimai-set-of-emails/lhost-gmx-01.eml',
  'body glued to the headers|headers/authentication_milter/spam_headers.eml',
  ...['indentation lost, with body', 'indentation lost, headers only', 'hard-wrapped at 76', 'hard-wrapped at 64', 'word-wrapped at 72', 'word-wrapped at 80', 'quoted + indentation lost + autocorrect']
    .map((d) => `${d}|headers/authentication_milter/spam_headers.eml`),
]);

/**
 * A repair must be reported when the damaged text no longer splits into the original fields
 * (or, for a glued body, when the body's first line is text).
 */
function needsRepair(d: Damage, raw: string, damaged: string): boolean {
  if (d.kind === 'body-after-headers') return (bodyOf(raw).split('\n')[0] ?? '').trim() !== '';
  if (d.kind === 'trailing-junk') return /multipart\//i.test(header(raw));
  return JSON.stringify(shape(splitHeaders(damaged).fields)) !== JSON.stringify(reference(raw));
}

describe.each(DAMAGES)('corpus-wide: $name', (d) => {
  it.each(corpusMessages())('%s', (rel) => {
    if (AMBIGUOUS.has(`${d.name}|${rel}`)) return;
    const raw = readCorpus(rel);
    const damaged = d.apply(raw);
    const r = prepareInput(damaged);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(shape(r.value.fields)).toEqual(reference(raw));
    if (needsRepair(d, raw, damaged)) {
      const expected = Array.isArray(d.kind) ? d.kind : [d.kind];
      expect(r.value.summary.repairs.map((x) => x.kind).filter((k) => expected.includes(k))).not.toEqual([]);
    }
  });
});
