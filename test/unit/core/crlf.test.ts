import { describe, expect, it } from 'vitest';
import { toCrlf } from '../../../src/core/crlf.js';

describe('toCrlf', () => {
  it('turns bare LF into CRLF and leaves CRLF alone', () => {
    expect(toCrlf(Buffer.from('a\nb\r\nc\n\nd')).toString()).toBe('a\r\nb\r\nc\r\n\r\nd');
    expect(toCrlf(Buffer.from('\nx')).toString()).toBe('\r\nx');
  });
  it('returns the same buffer when there is nothing to change', () => {
    const b = Buffer.from('a\r\nb\r\n');
    expect(toCrlf(b)).toBe(b);
    const empty = Buffer.alloc(0);
    expect(toCrlf(empty)).toBe(empty);
  });
  it('keeps 8-bit bytes as they are', () => {
    const b = Buffer.from([0xe9, 0x0a, 0xff]);
    expect([...toCrlf(b)]).toEqual([0xe9, 0x0d, 0x0a, 0xff]);
  });
});
