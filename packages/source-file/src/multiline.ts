/** Vector's `multiline.mode`. */
export type MultilineMode = 'continue_through' | 'continue_past' | 'halt_before' | 'halt_with';

export interface MultilineRules {
  start: RegExp;
  condition: RegExp;
  mode: MultilineMode;
  timeoutMs: number;
}

/** A line with where it starts and where the next one starts (after its delimiter). */
export interface PositionedLine {
  text: string;
  start: number;
  end: number;
}

/** Lines being joined into one message (one per file). */
export interface Aggregate {
  lines: string[];
  start: number;
  end: number;
  /** When it is flushed even if incomplete (`timeout_ms` after the last line added). */
  deadline: number;
}

/**
 * Vector's line aggregation (`line_agg.rs`), per file: a line matching `start` opens a message;
 * the next lines join it or end it according to `mode` and `condition`; the lines of a message are
 * joined with `\n`; a message waiting longer than `timeoutMs` for its next line is emitted as it is.
 * Returns the aggregate still open (or undefined) and calls `emit` for every finished message, in
 * order.
 */
export function aggregateLine(
  rules: MultilineRules,
  open: Aggregate | undefined,
  line: PositionedLine,
  now: number,
  emit: (message: PositionedLine) => void,
): Aggregate | undefined {
  if (open === undefined) {
    if (!rules.start.test(line.text)) {
      emit(line);
      return undefined;
    }
    return { lines: [line.text], start: line.start, end: line.end, deadline: now + rules.timeoutMs };
  }
  const matched = rules.condition.test(line.text);
  const decision =
    rules.mode === 'continue_through' || rules.mode === 'continue_past'
      ? matched
        ? 'continue'
        : rules.mode === 'continue_through'
          ? 'end-exclude'
          : 'end-include'
      : matched
        ? rules.mode === 'halt_before'
          ? 'end-exclude'
          : 'end-include'
        : 'continue';
  if (decision === 'continue') {
    open.lines.push(line.text);
    open.end = line.end;
    open.deadline = now + rules.timeoutMs;
    return open;
  }
  if (decision === 'end-include') {
    open.lines.push(line.text);
    open.end = line.end;
    emit(merged(open));
    return undefined;
  }
  emit(merged(open));
  // Vector stashes the excluded line and handles it again: it may open the next message.
  return aggregateLine(rules, undefined, line, now, emit);
}

export function merged(aggregate: Aggregate): PositionedLine {
  return { text: aggregate.lines.join('\n'), start: aggregate.start, end: aggregate.end };
}

/**
 * A Vector (Rust `regex`) pattern as a JavaScript RegExp: leading inline flags (`(?i)`, `(?m)`,
 * `(?s)`, `(?x)` is refused), `(?P<name>` groups, `\A` and `\z`. Unicode-aware as Rust's is.
 * Throws a SyntaxError with the reason when JavaScript cannot read it.
 */
export function rustRegExp(pattern: string): RegExp {
  let source = pattern;
  let flags = 'u';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline !== null) {
    source = source.slice(inline[0].length);
    for (const flag of inline[1] as string) {
      if (flag === 'U') throw new SyntaxError(`"${pattern}": the (?U) flag has no JavaScript equivalent`);
      if (!flags.includes(flag)) flags += flag;
    }
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  try {
    return new RegExp(source, flags);
  } catch {
    // Patterns that are fine in Rust but not in a `u` expression (`\-` outside a set, `\_`, …).
    return new RegExp(source, flags.replace('u', ''));
  }
}
