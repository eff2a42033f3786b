/**
 * Small, tolerant decoders for text parts: Content-Transfer-Encoding (RFC 2045 §6.7 quoted-printable, §6.8 base64),
 * charsets via the platform TextDecoder, and RFC 2047 encoded-words. They never throw: on trouble they return
 * the input as it was.
 */

function bytesToText(bytes: Uint8Array, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '') || 'utf-8';
  for (const label of [cs, 'utf-8']) {
    try {
      return new TextDecoder(label, { fatal: false }).decode(bytes);
    } catch {
      // unknown label: try the next one
    }
  }
  return Buffer.from(bytes).toString('latin1');
}

/** RFC 2045 §6.7: `=XX` escapes and soft line breaks (`=` at the end of a line). */
export function qpToBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      const a = text.charCodeAt(i + 1);
      if (a === 0x0a) {
        i += 1;
        continue;
      }
      if (a === 0x0d && text.charCodeAt(i + 2) === 0x0a) {
        i += 2;
        continue;
      }
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      out.push(c);
      continue;
    }
    if (c < 0x100) out.push(c);
    else for (const b of Buffer.from(text[i]!, 'utf8')) out.push(b);
  }
  return Uint8Array.from(out);
}

export function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
}

/**
 * A part body as text, decoded per its Content-Transfer-Encoding and charset.
 * 7bit/8bit/binary bodies are already text; only ISO-2022-JP (escape sequences in 7-bit text) is re-decoded.
 */
export function decodeBody(body: string, transferEncoding: string | undefined, charset: string | undefined): string {
  const cte = (transferEncoding ?? '').trim().toLowerCase();
  if (cte === 'base64') return bytesToText(base64ToBytes(body), charset);
  if (cte === 'quoted-printable') return bytesToText(qpToBytes(body), charset);
  if (charset && /^iso-2022-jp/i.test(charset.trim()) && body.includes('\u001b')) return bytesToText(Buffer.from(body, 'latin1'), charset);
  return body;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** RFC 2047 encoded-words (`=?charset?B|Q?text?=`) in a header value; whitespace between adjacent words is dropped (§6.2). */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(/\?=\s+=\?/g, '?==?').replace(ENCODED_WORD, (whole, charset: string, enc: string, text: string) => {
    try {
      const cs = charset.replace(/\*.*$/, '');
      const bytes = enc.toUpperCase() === 'B' ? base64ToBytes(text) : qpToBytes(text.replace(/_/g, ' '));
      return bytesToText(bytes, cs);
    } catch {
      return whole;
    }
  });
}
