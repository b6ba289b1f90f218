import { ASCII_WORD, type CharacterSet, WORD } from './character-set.js';
import { type CompiledPattern, Op, type Program, type SubProgram } from './program.js';

/**
 * Backtracking matching in Oniguruma's order (the first match by priority, leftmost), made
 * polynomial by memoization: a (split instruction, position) pair that failed once fails again
 * (captures never change what can match: there are no backreferences), and one being tried is
 * not entered twice (an empty loop iteration). A match first runs without the memo tables
 * under a step budget — most patterns finish well inside it — then, past the budget, again
 * with them, where each pair is explored at most once. A pattern whose tables would be too
 * large, or a match past the hard step limit, gives up: no match, as Oniguruma's retry limit does.
 */

const BRANCH = 0;
const UNDO = 1;
const MARK = 2;

/** Steps of the first, memo-less run: a base plus a few per character of the text. */
const FAST_BASE = 100_000;
const FAST_PER_CHARACTER = 64;
/** Steps of the memoized run before giving up (Oniguruma's retry limit is 10,000,000). */
const HARD_LIMIT = 50_000_000;
/** The largest memo table (bits) a program may allocate. */
const MAX_MEMO_BITS = 2 ** 28;

class OutOfSteps {}

/** The outcome of a look-around that matched (it leaves the position where it was), with no captures. */
const EMPTY_AT_POSITION = { end: -1, changes: [] as number[] };
const OUT_OF_STEPS = new OutOfSteps();

interface Memo {
  failed: Uint32Array;
  active: Uint32Array;
  /** Positions a split's row covers (the text's code units plus one, or a look-behind's window). */
  stride: number;
  /** The position of a row's first bit. */
  origin: number;
}

interface SubResult {
  end: number;
  /** Slot values after the sub-match, for slots it changed: [slot, value, slot, value…]. */
  changes: number[];
}

/**
 * Matches a compiled pattern; one matcher serves every search of its regex (one at a time:
 * matching never calls back into JavaScript that could start another).
 */
export class Matcher {
  readonly slots: Int32Array;
  private stack = new Int32Array(3 * 256);
  private sp = 0;
  private steps = 0;
  private budget = 0;
  private memoized = false;
  private memos: Map<Program, Memo | null> | undefined;
  private subResults: Map<SubProgram, Map<number, SubResult | null>> | undefined;
  private text = '';
  private length = 0;

  constructor(
    private readonly pattern: CompiledPattern,
    private readonly firstSet: CharacterSet | undefined,
  ) {
    this.slots = new Int32Array((pattern.captureCount + 1) * 2 + pattern.registerCount);
  }

  /** Finds the first match in the text; its groups are in {@link slots}. */
  search(text: string): boolean {
    this.text = text;
    this.length = text.length;
    this.reset(false);
    try {
      this.budget = FAST_BASE + FAST_PER_CHARACTER * this.length;
      return this.searchFrom();
    } catch (error) {
      if (error !== OUT_OF_STEPS) throw error;
    }
    const bits = this.pattern.main.splitCount * (this.length + 1);
    if (bits > MAX_MEMO_BITS) return false;
    this.reset(true);
    this.budget = HARD_LIMIT;
    try {
      return this.searchFrom();
    } catch (error) {
      if (error !== OUT_OF_STEPS) throw error;
      return false;
    } finally {
      this.reset(false);
    }
  }

  private reset(memoized: boolean): void {
    this.slots.fill(-1);
    this.sp = 0;
    this.steps = 0;
    this.memoized = memoized;
    this.memos = memoized ? new Map() : undefined;
    this.subResults = memoized ? new Map() : undefined;
  }

  private searchFrom(): boolean {
    const text = this.text;
    const first = this.firstSet;
    for (let start = 0; start <= this.length; ) {
      const code = start < this.length ? (text.codePointAt(start) as number) : -1;
      if (first === undefined || (code >= 0 && first.has(code))) {
        if (this.run(this.pattern.main, start, -1) >= 0) return true;
      }
      start += code > 0xffff ? 2 : 1;
    }
    return false;
  }

  private memoOf(program: Program): Memo | null {
    const memos = this.memos as Map<Program, Memo | null>;
    let memo = memos.get(program);
    if (memo === undefined) {
      const stride = this.length + 1;
      const bits = program.splitCount * stride;
      memo = bits > MAX_MEMO_BITS ? null : newMemo(bits, stride, 0);
      memos.set(program, memo);
    }
    return memo;
  }

  private push(kind: number, a: number, b: number): void {
    if (this.sp + 3 > this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[this.sp++] = kind;
    this.stack[this.sp++] = a;
    this.stack[this.sp++] = b;
  }

  /**
   * Runs a program from a position; the end of its first match, or -1. With `requiredEnd` ≥ 0
   * (a look-behind body), only a match ending there counts.
   */
  private run(program: Program, from: number, requiredEnd: number, localMemo?: Memo): number {
    const { op, arg1, arg2, splitIndex } = program;
    const text = this.text;
    const length = this.length;
    const sets = this.pattern.sets;
    const slots = this.slots;
    const memo = this.memoized ? (localMemo ?? (requiredEnd < 0 ? this.memoOf(program) : null)) : null;
    const base = this.sp;
    let pc = 0;
    let pos = from;
    for (;;) {
      if (++this.steps > this.budget) {
        this.sp = base;
        throw OUT_OF_STEPS;
      }
      let ok = true;
      switch (op[pc]) {
        case Op.Char: {
          const code = pos < length ? (text.codePointAt(pos) as number) : -1;
          if (code === arg1[pc]) {
            pos += code > 0xffff ? 2 : 1;
            pc++;
          } else ok = false;
          break;
        }
        case Op.Set: {
          const code = pos < length ? (text.codePointAt(pos) as number) : -1;
          if (code >= 0 && (sets[arg1[pc] as number] as CharacterSet).has(code)) {
            pos += code > 0xffff ? 2 : 1;
            pc++;
          } else ok = false;
          break;
        }
        case Op.Assert:
          if (this.assert(arg1[pc] as number, pos)) pc++;
          else ok = false;
          break;
        case Op.Jump:
          pc = arg1[pc] as number;
          break;
        case Op.Split: {
          if (memo !== null) {
            const bit = (splitIndex[pc] as number) * memo.stride + pos - memo.origin;
            const word = bit >>> 5;
            const mask = 1 << (bit & 31);
            if (((memo.failed[word] as number) | (memo.active[word] as number)) & mask) {
              ok = false;
              break;
            }
            memo.active[word] = (memo.active[word] as number) | mask;
            this.push(MARK, bit, 0);
          }
          this.push(BRANCH, arg2[pc] as number, pos);
          pc = arg1[pc] as number;
          break;
        }
        case Op.Save: {
          const slot = arg1[pc] as number;
          this.push(UNDO, slot, slots[slot] as number);
          slots[slot] = pos;
          pc++;
          break;
        }
        case Op.EmptyStart: {
          const register = arg1[pc] as number;
          this.push(UNDO, register, slots[register] as number);
          slots[register] = pos;
          pc++;
          break;
        }
        case Op.EmptyEnd:
          pc = slots[arg1[pc] as number] === pos ? (arg2[pc] as number) : pc + 1;
          break;
        case Op.Sub: {
          const end = this.runSub(this.pattern.subs[arg1[pc] as number] as SubProgram, pos);
          if (end >= 0) {
            pos = end;
            pc++;
          } else ok = false;
          break;
        }
        case Op.Match:
          if (requiredEnd >= 0 && pos !== requiredEnd) {
            ok = false;
            break;
          }
          // Success: drop this run's choices, releasing the splits it was inside.
          while (this.sp > base) {
            this.sp -= 3;
            if (this.stack[this.sp] === MARK && memo !== null) {
              const bit = this.stack[this.sp + 1] as number;
              memo.active[bit >>> 5] = (memo.active[bit >>> 5] as number) & ~(1 << (bit & 31));
            }
          }
          return pos;
      }
      if (ok) continue;
      // Backtrack to the latest branch, undoing captures and closing the splits left behind.
      for (;;) {
        if (this.sp === base) return -1;
        this.sp -= 3;
        const kind = this.stack[this.sp];
        const a = this.stack[this.sp + 1] as number;
        const b = this.stack[this.sp + 2] as number;
        if (kind === BRANCH) {
          pc = a;
          pos = b;
          break;
        }
        if (kind === UNDO) slots[a] = b;
        else if (memo !== null) {
          memo.active[a >>> 5] = (memo.active[a >>> 5] as number) & ~(1 << (a & 31));
          memo.failed[a >>> 5] = (memo.failed[a >>> 5] as number) | (1 << (a & 31));
        }
      }
    }
  }

  /** Runs an atomic group or look-around at `pos`: the position after it, or -1. */
  private runSub(sub: SubProgram, pos: number): number {
    if (sub.singleSet !== undefined) return this.applySub(sub, pos, this.matchSingle(sub, pos));
    let cache: Map<number, SubResult | null> | undefined;
    if (this.subResults !== undefined) {
      cache = this.subResults.get(sub);
      if (cache === undefined) {
        cache = new Map();
        this.subResults.set(sub, cache);
      }
      const cached = cache.get(pos);
      if (cached !== undefined) return this.applySub(sub, pos, cached);
    }
    const before = sub.captures ? this.slots.slice() : undefined;
    let end = -1;
    if (sub.kind === 'behind' || sub.kind === 'notBehind') {
      // The body must end here: try each start it could have, nearest first.
      let start = pos;
      for (let count = 0; count <= sub.maxLength && start >= 0; count++) {
        if (count >= sub.minLength) {
          // Its success depends on where it must end: a memo for this attempt only, over the
          // positions a body of bounded length can reach.
          const window = 2 * sub.maxLength + 1;
          const localMemo = this.memoized
            ? newMemo(sub.program.splitCount * window, window, start)
            : undefined;
          if (this.run(sub.program, start, pos, localMemo) >= 0) {
            end = pos;
            break;
          }
        }
        if (start === 0) break;
        start -= start >= 2 && isLowSurrogate(this.text.charCodeAt(start - 1)) ? 2 : 1;
      }
    } else {
      end = this.run(sub.program, pos, -1);
    }
    const result: SubResult | null =
      end < 0 ? null : end === pos && before === undefined ? EMPTY_AT_POSITION : { end, changes: [] };
    if (result !== null && before !== undefined) {
      for (let slot = 0; slot < before.length; slot++)
        if (this.slots[slot] !== before[slot]) result.changes.push(slot, this.slots[slot] as number);
      this.slots.set(before);
    }
    cache?.set(pos, result);
    return this.applySub(sub, pos, result);
  }

  /** A look-around or atomic group of one character class: a test of the character there. */
  private matchSingle(sub: SubProgram, pos: number): SubResult | null {
    const set = sub.singleSet as CharacterSet;
    if (sub.kind === 'behind' || sub.kind === 'notBehind') {
      return pos > 0 && set.has(codePointBefore(this.text, pos)) ? EMPTY_AT_POSITION : null;
    }
    if (pos >= this.length) return null;
    const code = this.text.codePointAt(pos) as number;
    if (!set.has(code)) return null;
    return sub.kind === 'atomic' ? { end: pos + (code > 0xffff ? 2 : 1), changes: [] } : EMPTY_AT_POSITION;
  }

  /** Applies a sub-match's outcome: captures set (undoable), the position it leaves. */
  private applySub(sub: SubProgram, pos: number, result: SubResult | null): number {
    const negative = sub.kind === 'notAhead' || sub.kind === 'notBehind';
    if (result === null) return negative ? pos : -1;
    if (negative) return -1;
    if (result === EMPTY_AT_POSITION) return pos;
    for (let index = 0; index < result.changes.length; index += 2) {
      const slot = result.changes[index] as number;
      this.push(UNDO, slot, this.slots[slot] as number);
      this.slots[slot] = result.changes[index + 1] as number;
    }
    return sub.kind === 'atomic' ? result.end : pos;
  }

  private assert(kind: number, pos: number): boolean {
    const text = this.text;
    const length = this.length;
    switch (kind) {
      case 0:
        // Not after a newline that ends the text.
        return pos === 0 || (text.charCodeAt(pos - 1) === 10 && pos < length);
      case 1:
        return pos === length || text.charCodeAt(pos) === 10;
      case 2:
        return pos === 0;
      case 3:
        return pos === length;
      case 4:
        return pos === length || (pos === length - 1 && text.charCodeAt(pos) === 10);
      case 5:
      case 6:
        return this.atWordBoundary(pos, WORD) === (kind === 5);
      default:
        return this.atWordBoundary(pos, ASCII_WORD) === (kind === 7);
    }
  }

  private atWordBoundary(pos: number, word: CharacterSet): boolean {
    const before = pos > 0 && word.has(codePointBefore(this.text, pos));
    const after = pos < this.length && word.has(this.text.codePointAt(pos) as number);
    return before !== after;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function codePointBefore(text: string, pos: number): number {
  const code = text.charCodeAt(pos - 1);
  if (isLowSurrogate(code) && pos >= 2) return text.codePointAt(pos - 2) as number;
  return code;
}

function newMemo(bits: number, stride: number, origin: number): Memo {
  const words = (bits >>> 5) + 1;
  return { failed: new Uint32Array(words), active: new Uint32Array(words), stride, origin };
}
