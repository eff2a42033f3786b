const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns every bare LF into CRLF (RFC 5322 §2.1 line ends), returning the same buffer when there is none.
 * DKIM verifiers canonicalise bare LF to CRLF anyway (mailauth does it line by line, slowly);
 * doing it once here in bulk gives the same bytes much faster.
 */
export function toCrlf(buf: Buffer): Buffer {
  let bare = 0;
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) if (i === 0 || buf[i - 1] !== CR) bare++;
  if (bare === 0) return buf;
  const out = Buffer.allocUnsafe(buf.length + bare);
  let src = 0;
  let dst = 0;
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) {
    if (i > 0 && buf[i - 1] === CR) continue;
    dst += buf.copy(out, dst, src, i);
    out[dst++] = CR;
    out[dst++] = LF;
    src = i + 1;
  }
  buf.copy(out, dst, src);
  return out;
}
