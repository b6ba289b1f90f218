import {
  ASCII_DIGIT,
  ASCII_SPACE,
  ASCII_WORD,
  CharacterSet,
  caseVariants,
  DIGIT,
  HEX_DIGIT,
  posixClass,
  SPACE,
  unicodeProperty,
  WORD,
} from './character-set.js';

/**
 * The pattern language of Oniguruma as the `onig` crate compiles it (`ONIG_SYNTAX_ONIGURUMA`,
 * no options, UTF-8): parsed into a tree. `^` and `$` are line anchors, `.` stops at `\n`,
 * `(?m)` lets it cross lines, plain groups do not capture when the pattern names a group.
 * What cannot run in linear time (backreferences, subexpression calls, absent and conditional
 * groups, callouts, `\K`, `\X`, `\y`) is refused with {@link OnigurumaError}.
 */

export type Assertion =
  | 'lineStart'
  | 'lineEnd'
  | 'textStart'
  | 'textEnd'
  | 'textEndOrFinalNewline'
  | 'wordBoundary'
  | 'notWordBoundary'
  | 'asciiWordBoundary'
  | 'notAsciiWordBoundary';

export type Node =
  | { type: 'empty' }
  | { type: 'char'; code: number }
  | { type: 'set'; set: CharacterSet }
  | { type: 'assert'; assertion: Assertion }
  /** A group that captures when `index` > 0 (plain groups do not when the pattern names one). */
  | { type: 'capture'; index: number; name: string | undefined; body: Node }
  | { type: 'group'; body: Node }
  | { type: 'concat'; items: Node[] }
  | { type: 'alternate'; items: Node[] }
  | { type: 'repeat'; body: Node; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
  | { type: 'look'; behind: boolean; negate: boolean; body: Node }
  | { type: 'atomic'; body: Node };

/** A pattern Oniguruma refuses (with its error code and text), or one this engine cannot run. */
export class OnigurumaError extends Error {
  constructor(
    /** Oniguruma's error code; undefined for a construct refused here. */
    readonly code: number | undefined,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OnigurumaError';
  }

  /** The `onig` crate's `Debug` of the error. */
  debug(): string {
    return this.code === undefined
      ? `Error(Custom, ${this.description})`
      : `Error(OnigError(${this.code}), ${this.description})`;
  }
}

const MAX_REPEAT = 100_000;

const onigError = (code: number, description: string): OnigurumaError =>
  new OnigurumaError(code, description);
const unsupported = (what: string): OnigurumaError =>
  new OnigurumaError(undefined, `${what} is not supported (it cannot match in linear time)`);

interface Options {
  ignoreCase: boolean;
  /** Oniguruma's "multiline": `.` matches a newline. */
  dotAll: boolean;
  extended: boolean;
  asciiWord: boolean;
  asciiDigit: boolean;
  asciiSpace: boolean;
  asciiPosix: boolean;
}

export interface ParsedPattern {
  root: Node;
  /** Capture group count (group 0, the whole match, not counted). */
  captureCount: number;
  /** Group indexes by name, in the order the names appear. */
  names: Map<string, number[]>;
}

export function parsePattern(pattern: string): ParsedPattern {
  const parser = new Parser(pattern);
  return parser.parse();
}

const DEFAULT_OPTIONS: Options = {
  ignoreCase: false,
  dotAll: false,
  extended: false,
  asciiWord: false,
  asciiDigit: false,
  asciiSpace: false,
  asciiPosix: false,
};

class Parser {
  private index = 0;
  private captures: { node: Extract<Node, { type: 'capture' }>; named: boolean }[] = [];

  constructor(private readonly pattern: string) {}

  parse(): ParsedPattern {
    const root = this.parseAlternation({ ...DEFAULT_OPTIONS }, 0);
    if (this.index < this.pattern.length) throw onigError(-116, 'unmatched close parenthesis');
    // With a named group, plain groups do not capture; the named ones are numbered in order.
    const named = this.captures.some((capture) => capture.named);
    const names = new Map<string, number[]>();
    let count = 0;
    for (const capture of this.captures) {
      if (named && !capture.named) continue;
      capture.node.index = ++count;
      if (capture.node.name !== undefined) {
        const indexes = names.get(capture.node.name) ?? [];
        indexes.push(count);
        names.set(capture.node.name, indexes);
      }
    }
    return { root, captureCount: count, names };
  }

  private peek(offset = 0): number | undefined {
    return this.pattern.codePointAt(this.index + offset);
  }

  private next(): number {
    const code = this.pattern.codePointAt(this.index) as number;
    this.index += code > 0xffff ? 2 : 1;
    return code;
  }

  private atEnd(): boolean {
    return this.index >= this.pattern.length;
  }

  private skipExtended(options: Options): void {
    if (!options.extended) return;
    for (;;) {
      const code = this.peek();
      if (code === undefined) return;
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) this.index++;
      else if (code === 0x23) {
        while (!this.atEnd() && this.peek() !== 0x0a) this.index++;
      } else return;
    }
  }

  /** Alternatives up to `)` or the end; `options` may change inside (`(?i)` lasts to the group's end). */
  private parseAlternation(options: Options, depth: number): Node {
    if (depth > 4096) throw onigError(-16, 'parse depth limit over');
    const alternatives: Node[] = [this.parseConcat(options, depth)];
    while (this.peek() === 0x7c) {
      this.index++;
      alternatives.push(this.parseConcat(options, depth));
    }
    return alternatives.length === 1 ? (alternatives[0] as Node) : { type: 'alternate', items: alternatives };
  }

  private parseConcat(options: Options, depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipExtended(options);
      const code = this.peek();
      if (code === undefined || code === 0x7c || code === 0x29) break;
      if (code === 0x28 && this.pattern.startsWith('(?', this.index) && this.isOptionSetting()) {
        // `(?i)` changes the options for the rest of the enclosing group, alternatives included.
        this.applyOptions(options);
        const rest = this.parseAlternation(options, depth + 1);
        items.push(rest);
        break;
      }
      const atom = this.parseAtom(options, depth);
      if (atom === undefined) continue;
      items.push(this.parseQuantifiers(atom, options));
    }
    if (items.length === 0) return { type: 'empty' };
    return items.length === 1 ? (items[0] as Node) : { type: 'concat', items };
  }

  private parseQuantifiers(atom: Node, options: Options): Node {
    let node = atom;
    for (;;) {
      this.skipExtended(options);
      const code = this.peek();
      let min: number;
      let max: number;
      let interval = false;
      if (code === 0x2a) [min, max] = [0, Number.POSITIVE_INFINITY];
      else if (code === 0x2b) [min, max] = [1, Number.POSITIVE_INFINITY];
      else if (code === 0x3f) [min, max] = [0, 1];
      else if (code === 0x7b) {
        const range = this.readInterval();
        if (range === undefined) return node;
        [min, max] = range;
        interval = true;
      } else return node;
      if (!interval) this.index++;
      if (isAnchor(node)) throw onigError(-114, 'target of repeat operator is invalid');
      let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy';
      const fixed = interval && min === max;
      if (this.peek() === 0x3f && !fixed) {
        this.index++;
        mode = 'lazy';
      } else if (this.peek() === 0x2b && !interval) {
        this.index++;
        mode = 'possessive';
      }
      node = { type: 'repeat', body: node, min, max, mode };
    }
  }

  /** `{n}`, `{n,}`, `{,m}`, `{n,m}`; undefined (a literal `{`) when it is not one. */
  private readInterval(): [number, number] | undefined {
    const match = /^\{(\d*)(,?)(\d*)\}/.exec(this.pattern.slice(this.index, this.index + 40));
    if (match === null) return undefined;
    const [text, low, comma, high] = match as unknown as [string, string, string, string];
    if (low === '' && (comma === '' || high === '')) return undefined;
    const min = low === '' ? 0 : Number(low);
    const max = comma === '' ? min : high === '' ? Number.POSITIVE_INFINITY : Number(high);
    if (min > MAX_REPEAT || (Number.isFinite(max) && max > MAX_REPEAT))
      throw onigError(-201, 'too big number for repeat range');
    if (max < min) throw onigError(-202, 'upper is smaller than lower in repeat range');
    this.index += text.length;
    return [min, max];
  }

  private parseAtom(options: Options, depth: number): Node | undefined {
    const code = this.next();
    switch (code) {
      case 0x28:
        return this.parseGroup(options, depth);
      case 0x5b:
        return { type: 'set', set: this.parseClass(options) };
      case 0x2e:
        return { type: 'set', set: options.dotAll ? ANY : NOT_NEWLINE };
      case 0x5e:
        return { type: 'assert', assertion: 'lineStart' };
      case 0x24:
        return { type: 'assert', assertion: 'lineEnd' };
      case 0x5c:
        return this.parseEscape(options);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        throw onigError(-113, 'target of repeat operator is not specified');
      case 0x7b:
        if (this.readIntervalAt(this.index - 1))
          throw onigError(-113, 'target of repeat operator is not specified');
        return this.literal(code, options);
      default:
        return this.literal(code, options);
    }
  }

  private readIntervalAt(at: number): boolean {
    return /^\{(\d+,?\d*|,\d+)\}/.test(this.pattern.slice(at, at + 40));
  }

  private literal(code: number, options: Options): Node {
    if (options.ignoreCase && caseVariants(code).length > 0) {
      return { type: 'set', set: CharacterSet.of((other) => other === code).ignoringCase() };
    }
    return { type: 'char', code };
  }

  private isOptionSetting(): boolean {
    return /^\(\?[imxWDSP]*(-[imxWDSP]*)?\)/.test(this.pattern.slice(this.index, this.index + 20));
  }

  /** Reads `(?flags)` or the flags of `(?flags:` from its `(`; sets them on `options`. */
  private applyOptions(options: Options): void {
    this.index += 2;
    let negate = false;
    for (;;) {
      const code = this.peek();
      if (code === undefined) throw onigError(-118, 'end pattern in group');
      const character = String.fromCodePoint(code);
      if (character === ')' || character === ':') {
        if (character === ')') this.index++;
        return;
      }
      this.index++;
      switch (character) {
        case '-':
          negate = true;
          break;
        case 'i':
          options.ignoreCase = !negate;
          break;
        case 'm':
          options.dotAll = !negate;
          break;
        case 'x':
          options.extended = !negate;
          break;
        case 'W':
          options.asciiWord = !negate;
          break;
        case 'D':
          options.asciiDigit = !negate;
          break;
        case 'S':
          options.asciiSpace = !negate;
          break;
        case 'P':
          options.asciiPosix = !negate;
          break;
        default:
          throw onigError(-119, 'undefined group option');
      }
    }
  }

  private capture(name: string | undefined, body: () => Node): Node {
    const node: Extract<Node, { type: 'capture' }> = {
      type: 'capture',
      index: 0,
      name,
      body: { type: 'empty' },
    };
    this.captures.push({ node, named: name !== undefined });
    node.body = body();
    return node;
  }

  private parseGroup(options: Options, depth: number): Node {
    const inner = (groupOptions: Options): Node => {
      const body = this.parseAlternation(groupOptions, depth + 1);
      if (this.peek() !== 0x29) throw onigError(-117, 'end pattern with unmatched parenthesis');
      this.index++;
      return body;
    };
    if (this.peek() !== 0x3f) return this.capture(undefined, () => inner({ ...options }));
    const rest = this.pattern.slice(this.index + 1, this.index + 3);
    if (rest.startsWith(':')) {
      this.index += 2;
      return { type: 'group', body: inner({ ...options }) };
    }
    if (rest.startsWith('=') || rest.startsWith('!')) {
      this.index += 2;
      return { type: 'look', behind: false, negate: rest[0] === '!', body: inner({ ...options }) };
    }
    if (rest === '<=' || rest === '<!') {
      this.index += 3;
      return { type: 'look', behind: true, negate: rest[1] === '!', body: inner({ ...options }) };
    }
    if (rest.startsWith('>')) {
      this.index += 2;
      return { type: 'atomic', body: inner({ ...options }) };
    }
    if (rest.startsWith('#')) {
      const close = this.pattern.indexOf(')', this.index);
      if (close < 0) throw onigError(-118, 'end pattern in group');
      this.index = close + 1;
      return undefined as unknown as Node;
    }
    if (rest.startsWith('<') || rest.startsWith("'")) {
      const close = rest[0] === '<' ? '>' : "'";
      const end = this.pattern.indexOf(close, this.index + 2);
      if (end < 0) throw onigError(-215, `invalid group name <${this.pattern.slice(this.index + 2)}>`);
      const name = this.pattern.slice(this.index + 2, end);
      if (name === '') throw onigError(-214, 'group name is empty');
      if (!/^[\p{L}\p{M}\p{N}\p{Pc}]+$/u.test(name) || /^\d/.test(name))
        throw onigError(-216, `invalid char in group name <${name}>`);
      this.index = end + 1;
      return this.capture(name, () => inner({ ...options }));
    }
    if (rest.startsWith('~')) throw unsupported('an absent group (?~…)');
    if (rest.startsWith('(')) throw unsupported('a conditional group (?(…)…)');
    if (rest.startsWith('{')) throw unsupported('a callout (?{…})');
    if (/^[imxWDSP-]/.test(rest)) {
      const groupOptions = { ...options };
      this.index--;
      this.applyOptions(groupOptions);
      // `(?i:…)`: applyOptions stopped at the colon.
      this.index++;
      return { type: 'group', body: inner(groupOptions) };
    }
    throw onigError(-119, 'undefined group option');
  }

  private parseEscape(options: Options): Node {
    if (this.atEnd()) throw onigError(-104, 'end pattern at escape');
    const code = this.next();
    const character = String.fromCodePoint(code);
    switch (character) {
      case 'w':
        return { type: 'set', set: options.asciiWord ? ASCII_WORD : WORD };
      case 'W':
        return { type: 'set', set: (options.asciiWord ? ASCII_WORD : WORD).negate() };
      case 'd':
        return { type: 'set', set: options.asciiDigit ? ASCII_DIGIT : DIGIT };
      case 'D':
        return { type: 'set', set: (options.asciiDigit ? ASCII_DIGIT : DIGIT).negate() };
      case 's':
        return { type: 'set', set: options.asciiSpace ? ASCII_SPACE : SPACE };
      case 'S':
        return { type: 'set', set: (options.asciiSpace ? ASCII_SPACE : SPACE).negate() };
      case 'h':
        return { type: 'set', set: HEX_DIGIT };
      case 'H':
        return { type: 'set', set: HEX_DIGIT.negate() };
      case 'p':
      case 'P':
        return { type: 'set', set: this.readProperty(character === 'P') };
      case 'b':
        return { type: 'assert', assertion: options.asciiWord ? 'asciiWordBoundary' : 'wordBoundary' };
      case 'B':
        return { type: 'assert', assertion: options.asciiWord ? 'notAsciiWordBoundary' : 'notWordBoundary' };
      case 'A':
      case 'G':
        return { type: 'assert', assertion: 'textStart' };
      case 'z':
        return { type: 'assert', assertion: 'textEnd' };
      case 'Z':
        return { type: 'assert', assertion: 'textEndOrFinalNewline' };
      case 'R':
        // `\r\n` or one newline character, without backtracking from `\r\n` to `\r`.
        return {
          type: 'atomic',
          body: {
            type: 'alternate',
            items: [
              {
                type: 'concat',
                items: [
                  { type: 'char', code: 13 },
                  { type: 'char', code: 10 },
                ],
              },
              { type: 'set', set: NEWLINES },
            ],
          },
        };
      case 'N':
        return { type: 'set', set: NOT_NEWLINE };
      case 'O':
        return { type: 'set', set: ANY };
      case 'k':
        throw unsupported('a backreference \\k<…>');
      case 'g':
        throw unsupported('a subexpression call \\g<…>');
      case 'K':
        throw unsupported('\\K');
      case 'X':
        throw unsupported('\\X');
      case 'y':
      case 'Y':
        throw unsupported(`\\${character}`);
      default:
        if (code >= 0x31 && code <= 0x39) throw unsupported('a backreference');
        return this.literal(this.escapedCode(code), options);
    }
  }

  /** The code point of an escape that stands for one character (outside or inside a class). */
  private escapedCode(code: number): number {
    switch (String.fromCodePoint(code)) {
      case 't':
        return 0x09;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 'f':
        return 0x0c;
      case 'v':
        return 0x0b;
      case 'a':
        return 0x07;
      case 'e':
        return 0x1b;
      case 'x':
        return this.readHex();
      case 'u':
        return this.readDigits(/^[0-9A-Fa-f]{4}/, 16, 'too short multibyte code string', -206);
      case 'o':
        if (this.peek() !== 0x7b) return code;
        return this.readBraced(8);
      case '0':
        return this.readOctal(2);
      case 'c':
        return this.readControl();
      case 'C':
        if (this.peek() !== 0x2d) return code;
        this.index++;
        return this.readControl();
      case 'M':
        throw unsupported('a meta escape \\M-');
      default:
        return code;
    }
  }

  private readHex(): number {
    if (this.peek() === 0x7b) return this.readBraced(16);
    const match = /^[0-9A-Fa-f]{1,2}/.exec(this.pattern.slice(this.index, this.index + 2));
    if (match === null) return 0;
    this.index += match[0].length;
    return Number.parseInt(match[0], 16);
  }

  private readBraced(radix: number): number {
    const close = this.pattern.indexOf('}', this.index);
    if (close < 0) throw onigError(-400, 'invalid code point value');
    const digits = this.pattern.slice(this.index + 1, close);
    const valid = radix === 16 ? /^[0-9A-Fa-f]{1,8}$/ : /^[0-7]{1,11}$/;
    if (!valid.test(digits)) throw onigError(-400, 'invalid code point value');
    const value = Number.parseInt(digits, radix);
    if (value > 0x10ffff) throw onigError(-401, 'too big wide-char value');
    this.index = close + 1;
    return value;
  }

  private readDigits(pattern: RegExp, radix: number, message: string, errorCode: number): number {
    const match = pattern.exec(this.pattern.slice(this.index, this.index + 8));
    if (match === null) throw onigError(errorCode, message);
    this.index += match[0].length;
    return Number.parseInt(match[0], radix);
  }

  private readOctal(digits: number): number {
    const match = new RegExp(`^[0-7]{0,${digits}}`).exec(this.pattern.slice(this.index, this.index + digits));
    const text = match?.[0] ?? '';
    this.index += text.length;
    return text === '' ? 0 : Number.parseInt(text, 8);
  }

  private readControl(): number {
    if (this.atEnd()) throw onigError(-106, 'end pattern at control');
    const code = this.next();
    return code === 0x3f ? 0x7f : code & 0x1f;
  }

  private readProperty(negated: boolean): CharacterSet {
    if (this.peek() !== 0x7b) throw onigError(-223, 'invalid character property name {}');
    const close = this.pattern.indexOf('}', this.index);
    if (close < 0)
      throw onigError(-223, `invalid character property name {${this.pattern.slice(this.index + 1)}}`);
    let name = this.pattern.slice(this.index + 1, close);
    this.index = close + 1;
    let negate = negated;
    if (name.startsWith('^')) {
      name = name.slice(1);
      negate = !negate;
    }
    const set = unicodeProperty(name);
    if (set === undefined) throw onigError(-223, `invalid character property name {${name}}`);
    return negate ? set.negate() : set;
  }

  /** A bracket class, after its `[`: items, ranges, nested classes, `&&` intersections. */
  private parseClass(options: Options): CharacterSet {
    let negate = false;
    if (this.peek() === 0x5e) {
      this.index++;
      negate = true;
    }
    const intersections: CharacterSet[] = [];
    let items: CharacterSet[] = [];
    let first = true;
    for (;;) {
      if (this.atEnd()) throw onigError(-103, 'premature end of char-class');
      const code = this.peek() as number;
      if (code === 0x5d && !(first && this.pattern.indexOf(']', this.index + 1) >= 0)) {
        if (first) throw onigError(-102, 'empty char-class');
        this.index++;
        break;
      }
      if (code === 0x26 && this.peek(1) === 0x26) {
        this.index += 2;
        intersections.push(CharacterSet.union(items));
        items = [];
        first = false;
        continue;
      }
      first = false;
      if (code === 0x5b) {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(this.index, this.index + 20));
        if (posix !== null) {
          const set = posixClass(posix[2] as string, options.asciiPosix);
          if (set === undefined) throw onigError(-121, 'invalid POSIX bracket type');
          this.index += posix[0].length;
          items.push(posix[1] === '^' ? set.negate() : set);
          continue;
        }
        this.index++;
        items.push(this.parseClass({ ...options, ignoreCase: false }));
        continue;
      }
      const start = this.classAtom(options);
      if (typeof start !== 'number') {
        items.push(start);
        continue;
      }
      if (this.peek() === 0x2d && this.peek(1) !== 0x5d && this.peek(1) !== undefined) {
        const save = this.index;
        this.index++;
        if (this.peek() === 0x5b && /^\[:/.test(this.pattern.slice(this.index, this.index + 2))) {
          this.index = save;
          items.push(CharacterSet.range(start, start));
          continue;
        }
        const end = this.classAtom(options);
        if (typeof end !== 'number') {
          // `[a-\w]`: the dash is a literal.
          items.push(CharacterSet.range(start, start), CharacterSet.range(0x2d, 0x2d), end);
          continue;
        }
        if (end < start) throw onigError(-203, 'empty range in char class');
        items.push(CharacterSet.range(start, end));
        continue;
      }
      items.push(CharacterSet.range(start, start));
    }
    intersections.push(CharacterSet.union(items));
    let set =
      intersections.length === 1
        ? (intersections[0] as CharacterSet)
        : CharacterSet.intersection(intersections);
    // Case folding applies to the members, before a `^` negates them.
    if (options.ignoreCase) set = set.ignoringCase();
    return negate ? set.negate() : set;
  }

  /** One class member: a code point, or a set for `\w`, `\p{…}` and friends. */
  private classAtom(options: Options): number | CharacterSet {
    const code = this.next();
    if (code !== 0x5c) return code;
    if (this.atEnd()) throw onigError(-104, 'end pattern at escape');
    const escaped = this.next();
    switch (String.fromCodePoint(escaped)) {
      case 'w':
        return options.asciiWord ? ASCII_WORD : WORD;
      case 'W':
        return (options.asciiWord ? ASCII_WORD : WORD).negate();
      case 'd':
        return options.asciiDigit ? ASCII_DIGIT : DIGIT;
      case 'D':
        return (options.asciiDigit ? ASCII_DIGIT : DIGIT).negate();
      case 's':
        return options.asciiSpace ? ASCII_SPACE : SPACE;
      case 'S':
        return (options.asciiSpace ? ASCII_SPACE : SPACE).negate();
      case 'h':
        return HEX_DIGIT;
      case 'H':
        return HEX_DIGIT.negate();
      case 'p':
      case 'P':
        return this.readProperty(escaped === 0x50);
      case 'b':
        return 0x08;
      case 'R':
      case 'X':
        throw onigError(-213, 'undefined operator');
      default:
        return this.escapedCode(escaped);
    }
  }
}

/** An anchor, or non-capturing groups around one: Oniguruma refuses to repeat it. */
function isAnchor(node: Node): boolean {
  if (node.type === 'group') return isAnchor(node.body);
  return node.type === 'assert' || node.type === 'look';
}

const ANY = CharacterSet.of(() => true);
const NOT_NEWLINE = CharacterSet.of((code) => code !== 0x0a);
const NEWLINES = CharacterSet.of(
  (code) => (code >= 0x0a && code <= 0x0d) || code === 0x85 || code === 0x2028 || code === 0x2029,
);
