import type { Diagnostic, Label } from './diagnostic.js';

/**
 * Prints diagnostics exactly as VRL does: VRL hands them to `codespan-reporting` 0.12 with its
 * default configuration and no colour, then trims each line's end. This is a port of that
 * renderer (`term/views.rs`, `term/renderer.rs`) for one unnamed file.
 */
export function formatDiagnostics(source: string, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '';
  const file = new SourceFile(source);
  const output: string[] = [];
  for (const diagnostic of diagnostics) renderDiagnostic(output, file, diagnostic);
  return `\n${output
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}`;
}

const TAB_WIDTH = 4;
const START_CONTEXT_LINES = 3;
const END_CONTEXT_LINES = 1;

class SourceFile {
  readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = 0; index < text.length; index++)
      if (text[index] === '\n') this.lineStarts.push(index + 1);
  }

  lineIndex(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  lineRange(lineIndex: number): [number, number] | undefined {
    const start = this.lineStarts[lineIndex];
    if (start === undefined) {
      // codespan allows the line just past the last one (an empty line at the end).
      if (lineIndex === this.lineStarts.length) return [this.text.length, this.text.length];
      return undefined;
    }
    const next = this.lineStarts[lineIndex + 1] ?? this.text.length;
    return [start, next];
  }

  /** 1-based column: characters from the line start, as codespan counts them. */
  columnNumber(lineIndex: number, offset: number): number {
    const [start, end] = this.lineRange(lineIndex) ?? [0, 0];
    let count = 0;
    for (const _ of this.text.slice(start, Math.min(offset, end))) count++;
    return count + 1;
  }
}

type Style = 'primary' | 'secondary';
type SingleLabel = { style: Style; start: number; end: number; message: string };
type MultiLabel =
  | { index: number; style: Style; kind: 'top'; start: number }
  | { index: number; style: Style; kind: 'left' }
  | { index: number; style: Style; kind: 'bottom'; start: number; message: string };

interface Line {
  number: number;
  range: [number, number];
  singleLabels: SingleLabel[];
  multiLabels: MultiLabel[];
  mustRender: boolean;
}

function countDigits(value: number): number {
  return String(value).length;
}

function styleRank(style: Style): number {
  return style === 'primary' ? 1 : 0;
}

function renderDiagnostic(output: string[], file: SourceFile, diagnostic: Diagnostic): void {
  const lines = new Map<number, Line>();
  let numberOfMultiLabels = 0;
  let outerPadding = 0;
  let locus: { start: number; style: Style } | undefined;

  const getLine = (lineIndex: number): Line => {
    let line = lines.get(lineIndex);
    if (line === undefined) {
      line = {
        number: lineIndex + 1,
        range: file.lineRange(lineIndex) ?? [file.text.length, file.text.length],
        singleLabels: [],
        multiLabels: [],
        mustRender: false,
      };
      lines.set(lineIndex, line);
    }
    return line;
  };

  for (const label of diagnostic.labels as Label[]) {
    const style: Style = label.primary ? 'primary' : 'secondary';
    const startLine = file.lineIndex(label.start);
    const endLine = file.lineIndex(label.end);
    outerPadding = Math.max(outerPadding, countDigits(startLine + 1), countDigits(endLine + 1));
    // The locus: the first primary label (else the first), the earliest among equals.
    if (
      locus === undefined ||
      styleRank(locus.style) < styleRank(style) ||
      (locus.style === style && locus.start > label.start)
    ) {
      locus = { start: label.start, style };
    }
    if (startLine === endLine) {
      const [lineStart] = file.lineRange(startLine) ?? [0, 0];
      const start = label.start - lineStart;
      const end = Math.max(label.end - lineStart, start + 1);
      const line = getLine(startLine);
      const position = binarySearchPosition(line.singleLabels, start, end);
      line.singleLabels.splice(position, 0, { style, start, end, message: label.message });
      line.mustRender = true;
    } else {
      const index = numberOfMultiLabels++;
      const [startLineStart] = file.lineRange(startLine) ?? [0, 0];
      const first = getLine(startLine);
      first.multiLabels.push({ index, style, kind: 'top', start: label.start - startLineStart });
      first.mustRender = true;
      for (let lineIndex = startLine + 1; lineIndex < endLine; lineIndex++) {
        outerPadding = Math.max(outerPadding, countDigits(lineIndex + 1));
        const line = getLine(lineIndex);
        line.multiLabels.push({ index, style, kind: 'left' });
        line.mustRender ||=
          lineIndex - startLine <= START_CONTEXT_LINES || endLine - lineIndex <= END_CONTEXT_LINES;
      }
      const [endLineStart] = file.lineRange(endLine) ?? [0, 0];
      const last = getLine(endLine);
      last.multiLabels.push({
        index,
        style,
        kind: 'bottom',
        start: label.end - endLineStart,
        message: label.message,
      });
      last.mustRender = true;
    }
  }

  const writer = new Writer(output);
  writer.write(`${diagnostic.severity}`);
  writer.write(`[E${String(diagnostic.code).padStart(3, '0')}]`);
  writer.write(`: ${diagnostic.message}\n`);

  const notes = diagnostic.printedNotes();
  if (lines.size > 0 && locus !== undefined) {
    const locusLine = file.lineIndex(locus.start);
    writer.outerGutter(outerPadding);
    writer.write(`┌─ :${locusLine + 1}:${file.columnNumber(locusLine, locus.start)}\n`);
    writer.snippetEmpty(outerPadding, numberOfMultiLabels, []);

    const rendered = [...lines.entries()].filter(([, line]) => line.mustRender).sort(([a], [b]) => a - b);
    for (let position = 0; position < rendered.length; position++) {
      const [lineIndex, line] = rendered[position] as [number, Line];
      writer.snippetSource(
        outerPadding,
        line.number,
        file.text.slice(line.range[0], line.range[1]),
        line.singleLabels,
        numberOfMultiLabels,
        line.multiLabels,
      );
      const next = rendered[position + 1];
      if (next !== undefined) {
        const [nextIndex, nextLine] = next;
        if (nextIndex - lineIndex === 2) {
          const between = lines.get(lineIndex + 1);
          const range = file.lineRange(lineIndex + 1) ?? [0, 0];
          writer.snippetSource(
            outerPadding,
            lineIndex + 2,
            file.text.slice(range[0], range[1]),
            [],
            numberOfMultiLabels,
            between?.multiLabels ?? [],
          );
        } else if (nextIndex - lineIndex > 2) {
          writer.outerGutter(outerPadding);
          writer.write('·');
          writer.innerGutter(numberOfMultiLabels, nextLine.multiLabels);
          writer.write('\n');
        }
      }
    }
    if (notes.length > 0) writer.snippetEmpty(outerPadding, numberOfMultiLabels, []);
  }
  for (const note of notes) {
    note.split('\n').forEach((line, index) => {
      writer.outerGutter(outerPadding);
      writer.write(index === 0 ? '=' : ' ');
      writer.write(` ${line}\n`);
    });
  }
  writer.write('\n');
}

/** Rust's `binary_search_by` (the branchless one) over (start, end), then the insert position. */
function binarySearchPosition(labels: SingleLabel[], start: number, end: number): number {
  const compare = (label: SingleLabel): number =>
    label.start !== start ? label.start - start : label.end - end;
  let size = labels.length;
  if (size === 0) return 0;
  let base = 0;
  while (size > 1) {
    const half = size >> 1;
    const middle = base + half;
    if (compare(labels[middle] as SingleLabel) <= 0) base = middle;
    size -= half;
  }
  const result = compare(labels[base] as SingleLabel);
  if (result === 0) return base;
  return base + (result < 0 ? 1 : 0);
}

interface CharacterMetrics {
  index: number;
  length: number;
  width: number;
  character: string;
}

function characterMetrics(text: string): CharacterMetrics[] {
  const metrics: CharacterMetrics[] = [];
  let column = 0;
  let index = 0;
  for (const character of text) {
    const width = character === '\t' ? TAB_WIDTH - (column % TAB_WIDTH) : characterWidth(character);
    metrics.push({ index, length: character.length, width, character });
    column += width;
    index += character.length;
  }
  return metrics;
}

/** The terminal width of a character (unicode-width's rules, simplified): 0, 1 or 2. */
function characterWidth(character: string): number {
  const code = character.codePointAt(0) as number;
  if (code < 32 || (code >= 0x7f && code < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(character) && code !== 0xad) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return Math.max(aStart, bStart) < Math.min(aEnd, bEnd);
}

class Writer {
  constructor(private readonly output: string[]) {}

  write(text: string): void {
    this.output.push(text);
  }

  outerGutter(padding: number): void {
    this.write(`${' '.repeat(padding)} `);
  }

  snippetEmpty(padding: number, numberOfMultiLabels: number, multiLabels: MultiLabel[]): void {
    this.outerGutter(padding);
    this.write('│');
    this.innerGutter(numberOfMultiLabels, multiLabels);
    this.write('\n');
  }

  innerGutter(numberOfMultiLabels: number, multiLabels: MultiLabel[]): void {
    let position = 0;
    for (let column = 0; column < numberOfMultiLabels; column++) {
      const label = multiLabels[position];
      if (label !== undefined && label.index === column) {
        if (label.kind === 'top') this.write('  ');
        else this.multiLeft(undefined);
        position++;
      } else {
        this.write('  ');
      }
    }
  }

  private multiLeft(underline: Style | undefined): void {
    this.write(underline === undefined ? ' ' : '─');
    this.write('│');
  }

  snippetSource(
    padding: number,
    lineNumber: number,
    rawSource: string,
    singleLabels: SingleLabel[],
    numberOfMultiLabels: number,
    multiLabels: MultiLabel[],
  ): void {
    const source = rawSource.replace(/[\n\r\0]+$/, '');
    const metrics = characterMetrics(source);
    const leadingWhitespace = source.length - source.trimStart().length;

    // The source line.
    this.write(`${String(lineNumber).padStart(padding)} │`);
    let position = 0;
    for (let column = 0; column < numberOfMultiLabels; column++) {
      const label = multiLabels[position];
      if (label !== undefined && label.index === column) {
        if (label.kind === 'top') this.write(label.start <= leadingWhitespace ? ' ╭' : '  ');
        else this.multiLeft(undefined);
        position++;
      } else {
        this.write('  ');
      }
    }
    this.write(' ');
    for (const metric of metrics)
      this.write(metric.character === '\t' ? ' '.repeat(metric.width) : metric.character);
    this.write('\n');

    if (singleLabels.length > 0) {
      let numberOfMessages = 0;
      let maxLabelStart = 0;
      let maxLabelEnd = 0;
      let trailing: number | undefined;
      singleLabels.forEach((label, index) => {
        if (label.message !== '') numberOfMessages++;
        maxLabelStart = Math.max(maxLabelStart, label.start);
        maxLabelEnd = Math.max(maxLabelEnd, label.end);
        if (label.end === maxLabelEnd) trailing = label.message === '' ? undefined : index;
      });
      if (trailing !== undefined) {
        const candidate = singleLabels[trailing] as SingleLabel;
        if (
          singleLabels.some(
            (label, index) =>
              index !== trailing && overlaps(candidate.start, candidate.end, label.start, label.end),
          )
        ) {
          trailing = undefined;
        }
      }

      // The carets.
      this.outerGutter(padding);
      this.write('│');
      this.innerGutter(numberOfMultiLabels, multiLabels);
      this.write(' ');
      const withPlaceholder = [
        ...metrics,
        { index: source.length, length: 1, width: 1, character: '\0' } as CharacterMetrics,
      ];
      for (const metric of withPlaceholder) {
        let style: Style | undefined;
        for (const label of singleLabels) {
          if (overlaps(label.start, label.end, metric.index, metric.index + metric.length)) {
            if (style === undefined || styleRank(label.style) > styleRank(style)) style = label.style;
          }
        }
        const caret =
          style === 'primary'
            ? '^'
            : style === 'secondary'
              ? '-'
              : metric.index < maxLabelEnd
                ? ' '
                : undefined;
        if (caret !== undefined) this.write(caret.repeat(metric.width));
      }
      if (trailing !== undefined) this.write(` ${(singleLabels[trailing] as SingleLabel).message}`);
      this.write('\n');

      const hanging = singleLabels.filter((label, index) => label.message !== '' && index !== trailing);
      if (numberOfMessages > (trailing === undefined ? 0 : 1)) {
        this.outerGutter(padding);
        this.write('│');
        this.innerGutter(numberOfMultiLabels, multiLabels);
        this.write(' ');
        this.caretPointers(maxLabelStart, hanging, metrics);
        this.write('\n');
        for (const label of [...hanging].reverse()) {
          this.outerGutter(padding);
          this.write('│');
          this.innerGutter(numberOfMultiLabels, multiLabels);
          this.write(' ');
          this.caretPointers(
            maxLabelStart,
            hanging,
            metrics.filter((metric) => metric.index < label.start),
          );
          this.write(`${label.message}\n`);
        }
      }
    }

    // Tops and bottoms of the labels spanning several lines.
    multiLabels.forEach((label, labelPosition) => {
      if (label.kind === 'left') return;
      if (label.kind === 'top' && label.start <= leadingWhitespace) return;
      this.outerGutter(padding);
      this.write('│');
      let underline: { style: Style; bound: 'top' | 'bottom' } | undefined;
      let cursor = 0;
      for (let column = 0; column < numberOfMultiLabels; column++) {
        const other = multiLabels[cursor];
        if (other !== undefined && other.index === column) {
          if (other.kind === 'left') this.multiLeft(underline?.style);
          else if (other.kind === 'top' && labelPosition > cursor) this.multiLeft(underline?.style);
          else if (other.kind === 'bottom' && labelPosition < cursor) this.multiLeft(underline?.style);
          else if (other.kind === 'top' && labelPosition === cursor) {
            underline = { style: other.style, bound: 'top' };
            this.write(' ╭');
          } else if (other.kind === 'bottom' && labelPosition === cursor) {
            underline = { style: other.style, bound: 'bottom' };
            this.write(' ╰');
          } else {
            this.write(underline === undefined ? '  ' : '──');
          }
          cursor++;
        } else {
          this.write(underline === undefined ? '  ' : '──');
        }
      }
      const caret = label.style === 'primary' ? '^' : "'";
      if (label.kind === 'top') {
        for (const metric of metrics)
          if (metric.index < label.start + 1) this.write('─'.repeat(metric.width));
        this.write(`${caret}\n`);
      } else {
        for (const metric of metrics) if (metric.index < label.start) this.write('─'.repeat(metric.width));
        this.write(caret);
        if (label.message !== '') this.write(` ${label.message}`);
        this.write('\n');
      }
    });
  }

  private caretPointers(maxLabelStart: number, hanging: SingleLabel[], metrics: CharacterMetrics[]): void {
    for (const metric of metrics) {
      const pointed = hanging.some(
        (label) => label.start >= metric.index && label.start < metric.index + metric.length,
      );
      let spaces = metric.width;
      if (pointed) {
        this.write('│');
        spaces = metric.width - 1;
      }
      if (metric.index <= maxLabelStart) this.write(' '.repeat(Math.max(spaces, 0)));
    }
  }
}
