import { describe, expect, it } from 'vitest';
import { splitHeaders, fieldsNamed } from '../../../../src/headers/input/split-headers.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';

describe('splitHeaders', () => {
  it('splits the invalid_datetime.eml header block with folding and line numbers', () => {
    const text = readCorpus('headers/eml_analyzer/invalid_datetime.eml');
    const { fields, bodyLine } = splitHeaders(text);
    expect(fields[0]).toMatchObject({ name: 'Return-Path', line: 1 });
    const received = fieldsNamed(fields, 'received');
    expect(received.length).toBe(9);
    expect(received[0]!.line).toBe(3);
    expect(received[0]!.value).toMatch(/^from mp2\.migadu\.com .* for <xxx@xxxxx\.xxx>; Mon, 07 Oct 2024 20:59:30 \+0200$/);
    expect(received[0]!.value).not.toMatch(/\n/);
    expect(bodyLine).toBeGreaterThan(0);
  });

  it('finds at least one field in every corpus message', () => {
    for (const rel of corpusMessages()) {
      const { fields } = splitHeaders(readCorpus(rel));
      expect(fields.length, rel).toBeGreaterThan(0);
    }
  });

  it('reports stray lines instead of dropping them silently', () => {
    const r = splitHeaders('Subject: hi\nthis is not a header\nFrom: a@b\n\nbody');
    expect(r.fields.map((f) => f.key)).toEqual(['subject', 'from']);
    expect(r.strayLines).toEqual([2]);
    expect(r.bodyLine).toBe(4);
  });
});
