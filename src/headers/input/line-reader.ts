/** How a line ended in the input. */
export type Eol = 'crlf' | 'lf' | 'cr' | 'none';

export interface Line {
  text: string;
  /** Char offset of the line's first character in the decoded input. */
  start: number;
  eol: Eol;
}

/**
 * Splits text into lines lazily (CRLF, LF or a lone CR each end a line), so a 10 MB body is
 * never split when only its header block is needed. Linear: each character is looked at once.
 */
export class LineReader {
  private readonly lines: Line[] = [];
  private pos = 0;
  private nextLf = -2;
  private nextCr = -2;

  constructor(readonly text: string) {}

  /** The i-th line (0-based), or undefined past the end. */
  at(i: number): Line | undefined {
    while (this.lines.length <= i && this.pos < this.text.length) this.readOne();
    return this.lines[i];
  }

  /** Char offset where line i starts, or the text length past the end. */
  startOf(i: number): number {
    return this.at(i)?.start ?? this.text.length;
  }

  private readOne(): void {
    const t = this.text;
    const p = this.pos;
    if (this.nextLf !== -1 && this.nextLf < p) this.nextLf = t.indexOf('\n', p);
    if (this.nextCr !== -1 && this.nextCr < p) this.nextCr = t.indexOf('\r', p);
    const lf = this.nextLf;
    const cr = this.nextCr;
    if (lf < 0 && cr < 0) {
      this.lines.push({ text: t.slice(p), start: p, eol: 'none' });
      this.pos = t.length;
      return;
    }
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const crlf = t.charCodeAt(cr + 1) === 0x0a;
      this.lines.push({ text: t.slice(p, cr), start: p, eol: crlf ? 'crlf' : 'cr' });
      this.pos = cr + (crlf ? 2 : 1);
      return;
    }
    this.lines.push({ text: t.slice(p, lf), start: p, eol: 'lf' });
    this.pos = lf + 1;
  }
}
