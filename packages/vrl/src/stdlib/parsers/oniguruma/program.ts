import { CharacterSet } from './character-set.js';
import { type Assertion, type Node, OnigurumaError } from './syntax.js';

/**
 * A parsed pattern compiled to instructions for the backtracking matcher: one program for the
 * pattern and one for each atomic group and look-around (run as sub-matches).
 */

export const Op = {
  Char: 0,
  Set: 1,
  Assert: 2,
  /** Try `x` (arg1) first, then `y` (arg2). */
  Split: 3,
  Jump: 4,
  Save: 5,
  /** Run sub-program arg1 (an atomic group or a look-around) at the position. */
  Sub: 6,
  Match: 7,
  /** Note the position in register arg1 (an iteration of a loop whose body can match empty starts). */
  EmptyStart: 8,
  /** The iteration matched empty when the position is still register arg1's: leave the loop for arg2. */
  EmptyEnd: 9,
} as const;

export const ASSERTIONS: readonly Assertion[] = [
  'lineStart',
  'lineEnd',
  'textStart',
  'textEnd',
  'textEndOrFinalNewline',
  'wordBoundary',
  'notWordBoundary',
  'asciiWordBoundary',
  'notAsciiWordBoundary',
];

export type SubKind = 'atomic' | 'ahead' | 'notAhead' | 'behind' | 'notBehind';

export interface Program {
  op: number[];
  arg1: number[];
  arg2: number[];
  /** For each Split, its index among the program's splits (memoization keys). */
  splitIndex: number[];
  splitCount: number;
}

export interface SubProgram {
  kind: SubKind;
  program: Program;
  /** The body sets capture groups (its outcome must carry them). */
  captures: boolean;
  /** The body is one character class (or character): matched without running it. */
  singleSet: CharacterSet | undefined;
  /** Look-behind: the body's shortest and longest length in code points. */
  minLength: number;
  maxLength: number;
}

export interface CompiledPattern {
  main: Program;
  subs: SubProgram[];
  sets: CharacterSet[];
  captureCount: number;
  /** Registers of the empty-iteration checks, kept after the capture slots. */
  registerCount: number;
}

/** The most instructions a pattern may compile to (counted repetitions are unrolled). */
const MAX_INSTRUCTIONS = 2_000_000;
/** The longest look-behind body, in code points. */
const MAX_LOOK_BEHIND = 10_000;

export function compileProgram(root: Node, captureCount: number): CompiledPattern {
  const compiler = new ProgramCompiler(captureCount);
  const main = compiler.program(root, true);
  return {
    main,
    subs: compiler.subs,
    sets: compiler.sets,
    captureCount,
    registerCount: compiler.registerCount,
  };
}

class ProgramCompiler {
  readonly subs: SubProgram[] = [];
  readonly sets: CharacterSet[] = [];
  registerCount = 0;
  private readonly setIndexes = new Map<CharacterSet, number>();
  private total = 0;

  constructor(private readonly captureCount: number) {}

  program(root: Node, captures: boolean): Program {
    const program: Program = { op: [], arg1: [], arg2: [], splitIndex: [], splitCount: 0 };
    if (captures) this.emit(program, Op.Save, 0);
    this.node(program, root);
    if (captures) this.emit(program, Op.Save, 1);
    this.emit(program, Op.Match);
    return program;
  }

  private emit(program: Program, op: number, arg1 = 0, arg2 = 0): number {
    if (++this.total > MAX_INSTRUCTIONS) throw new OnigurumaError(-5, 'fail to memory allocation');
    program.op.push(op);
    program.arg1.push(arg1);
    program.arg2.push(arg2);
    program.splitIndex.push(op === Op.Split ? program.splitCount++ : -1);
    return program.op.length - 1;
  }

  private setIndex(set: CharacterSet): number {
    let index = this.setIndexes.get(set);
    if (index === undefined) {
      index = this.sets.length;
      this.sets.push(set);
      this.setIndexes.set(set, index);
    }
    return index;
  }

  private node(program: Program, node: Node): void {
    switch (node.type) {
      case 'empty':
        return;
      case 'char':
        this.emit(program, Op.Char, node.code);
        return;
      case 'set':
        this.emit(program, Op.Set, this.setIndex(node.set));
        return;
      case 'assert':
        this.emit(program, Op.Assert, ASSERTIONS.indexOf(node.assertion));
        return;
      case 'capture':
        if (node.index > 0) this.emit(program, Op.Save, node.index * 2);
        this.node(program, node.body);
        if (node.index > 0) this.emit(program, Op.Save, node.index * 2 + 1);
        return;
      case 'group':
        this.node(program, node.body);
        return;
      case 'concat':
        for (const item of node.items) this.node(program, item);
        return;
      case 'alternate': {
        const jumps: number[] = [];
        node.items.forEach((item, index) => {
          if (index < node.items.length - 1) {
            const split = this.emit(program, Op.Split);
            program.arg1[split] = split + 1;
            this.node(program, item);
            jumps.push(this.emit(program, Op.Jump));
            program.arg2[split] = program.op.length;
          } else {
            this.node(program, item);
          }
        });
        for (const jump of jumps) program.arg1[jump] = program.op.length;
        return;
      }
      case 'repeat':
        this.repeat(program, node);
        return;
      case 'atomic':
        this.sub(program, 'atomic', node.body);
        return;
      case 'look':
        this.sub(
          program,
          node.behind ? (node.negate ? 'notBehind' : 'behind') : node.negate ? 'notAhead' : 'ahead',
          node.body,
        );
        return;
    }
  }

  private sub(program: Program, kind: SubKind, body: Node): void {
    let minLength = 0;
    let maxLength = 0;
    if (kind === 'behind' || kind === 'notBehind') {
      [minLength, maxLength] = lengthRange(body);
      if (!Number.isFinite(maxLength) || maxLength > MAX_LOOK_BEHIND)
        throw new OnigurumaError(-122, 'invalid pattern in look-behind');
    }
    const index = this.subs.length;
    const sub: SubProgram = {
      kind,
      program: { op: [], arg1: [], arg2: [], splitIndex: [], splitCount: 0 },
      captures: hasCaptures(body),
      singleSet: singleSet(body),
      minLength,
      maxLength,
    };
    this.subs.push(sub);
    sub.program = this.program(body, false);
    this.emit(program, Op.Sub, index);
  }

  private repeat(program: Program, node: Extract<Node, { type: 'repeat' }>): void {
    if (node.mode === 'possessive') {
      this.sub(program, 'atomic', { ...node, mode: 'greedy' });
      return;
    }
    for (let count = 0; count < node.min; count++) this.node(program, node.body);
    const lazy = node.mode === 'lazy';
    if (!Number.isFinite(node.max)) {
      // loop: split(body, exit); body; jump loop. A body that can match empty gets Oniguruma's
      // empty check: an iteration that matched nothing leaves the loop (keeping its captures).
      const register =
        lengthRange(node.body)[0] === 0 ? (this.captureCount + 1) * 2 + this.registerCount++ : -1;
      const loop = this.emit(program, Op.Split);
      if (register >= 0) this.emit(program, Op.EmptyStart, register);
      this.node(program, node.body);
      const check = register >= 0 ? this.emit(program, Op.EmptyEnd, register) : -1;
      this.emit(program, Op.Jump, loop);
      const exit = program.op.length;
      if (check >= 0) program.arg2[check] = exit;
      program.arg1[loop] = lazy ? exit : loop + 1;
      program.arg2[loop] = lazy ? loop + 1 : exit;
      return;
    }
    // (x(x(x)?)?)? for the optional copies: stop at the first copy that does not match.
    const splits: number[] = [];
    for (let count = node.min; count < node.max; count++) {
      splits.push(this.emit(program, Op.Split));
      this.node(program, node.body);
    }
    const exit = program.op.length;
    for (const split of splits) {
      program.arg1[split] = lazy ? exit : split + 1;
      program.arg2[split] = lazy ? split + 1 : exit;
    }
  }
}

function hasCaptures(node: Node): boolean {
  switch (node.type) {
    case 'capture':
      return node.index > 0 || hasCaptures(node.body);
    case 'group':
    case 'atomic':
    case 'look':
    case 'repeat':
      return hasCaptures(node.body);
    case 'concat':
    case 'alternate':
      return node.items.some(hasCaptures);
    default:
      return false;
  }
}

/** The set of a body that is one character or class (through non-capturing groups). */
function singleSet(node: Node): CharacterSet | undefined {
  if (node.type === 'group') return singleSet(node.body);
  if (node.type === 'set') return node.set;
  if (node.type === 'char') {
    const code = node.code;
    return CharacterSet.of((other) => other === code);
  }
  return undefined;
}

/** The shortest and longest match of a node, in code points (look-behind needs a bound). */
function lengthRange(node: Node): [number, number] {
  switch (node.type) {
    case 'empty':
    case 'assert':
    case 'look':
      return [0, 0];
    case 'char':
    case 'set':
      return [1, 1];
    case 'capture':
    case 'group':
    case 'atomic':
      return lengthRange(node.body);
    case 'concat':
      return node.items.reduce<[number, number]>(
        ([low, high], item) => {
          const [itemLow, itemHigh] = lengthRange(item);
          return [low + itemLow, high + itemHigh];
        },
        [0, 0],
      );
    case 'alternate': {
      const ranges = node.items.map(lengthRange);
      return [Math.min(...ranges.map((range) => range[0])), Math.max(...ranges.map((range) => range[1]))];
    }
    case 'repeat': {
      const [low, high] = lengthRange(node.body);
      return [low * node.min, high === 0 ? 0 : high * node.max];
    }
  }
}
