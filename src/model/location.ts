/** 1-based line and column (column counted in UTF-16 code units, as SARIF's default). */
export interface Position {
  line: number;
  column: number;
}

/** A 1-based range; `end` is exclusive in column (the column just after the last character). */
export interface Range {
  start: Position;
  end: Position;
}

/** Maps string offsets to 1-based positions and back. Built on first use, once per file. */
export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offset of each line's first character (most files never need it: no finding, no position). */
  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    for (let i = text.indexOf('\n'), cr = text.indexOf('\r'); ; ) {
      // the next break: \n, \r\n or a lone \r
      if (i < 0 && cr < 0) break;
      if (cr >= 0 && (i < 0 || cr < i)) {
        if (text.charCodeAt(cr + 1) !== 10) starts.push(cr + 1);
        cr = text.indexOf('\r', cr + 1);
        continue;
      }
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return (this.lineStarts = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of a 0-based offset (clamped into the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  range(startOffset: number, endOffset: number): Range {
    const start = this.position(startOffset);
    const end = this.position(Math.max(startOffset, endOffset));
    return { start, end };
  }

  /** 0-based offset of a 1-based position (clamped). */
  offset(pos: Position): number {
    const line = Math.max(1, Math.min(pos.line, this.starts.length));
    const start = this.starts[line - 1];
    const lineEnd = this.lineEnd(line);
    return Math.min(start + Math.max(0, pos.column - 1), lineEnd);
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    return this.text.slice(this.starts[line - 1], this.lineEnd(line));
  }

  /** Range covering a whole 1-based line (without its break). */
  lineRange(line: number): Range {
    const l = Math.max(1, Math.min(line, this.starts.length));
    const len = this.lineEnd(l) - this.starts[l - 1];
    return { start: { line: l, column: 1 }, end: { line: l, column: len + 1 } };
  }

  private lineEnd(line: number): number {
    let end = line < this.starts.length ? this.starts[line] : this.text.length;
    if (line < this.starts.length) {
      // strip the line break (\n, \r\n or \r)
      if (this.text.charCodeAt(end - 1) === 10) end--;
      if (this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }
}

export function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    a.end.line - b.end.line ||
    a.end.column - b.end.column
  );
}
