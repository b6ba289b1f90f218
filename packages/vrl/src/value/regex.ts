import { type Matcher, RE2JS, RE2JSException } from 're2js';

/**
 * VRL's regex value. VRL uses Rust's `regex` crate, which matches in linear time; JavaScript's
 * RegExp backtracks (a hostile pattern can hang the process), so matching runs on re2js, a pure
 * JavaScript port of RE2 with the same guarantee, and the Rust syntax is translated to RE2's:
 * Unicode-aware `\d`, `\w`, `\s` (ASCII in RE2), the verbose flag `x`, `\u{…}` escapes, long
 * Unicode class names. What RE2 cannot express (class set operations, nested classes) is refused
 * with a clear error instead of matching differently.
 */
export class VrlRegex {
  /** The pattern as written in the program: what VRL prints. */
  readonly pattern: string;
  private readonly compiled: RE2JS;
  private names: (string | null)[] | undefined;

  private constructor(pattern: string, compiled: RE2JS) {
    this.pattern = pattern;
    this.compiled = compiled;
  }

  /** Compiles a pattern in Rust `regex` syntax; throws {@link RegexSyntaxError} with Rust's wording. */
  static compile(pattern: string): VrlRegex {
    const cached = cache.get(pattern);
    if (cached !== undefined) return cached;
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(translateRustRegex(pattern));
    } catch (error) {
      if (error instanceof RE2JSException) throw new RegexSyntaxError(pattern, rustMessage(error.message));
      throw error;
    }
    const regex = new VrlRegex(pattern, compiled);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, regex);
    return regex;
  }

  toString(): string {
    return this.pattern;
  }

  /** Whether the pattern matches anywhere in the text. */
  test(text: string): boolean {
    return this.compiled.test(text);
  }

  /** The names of the capture groups by index (index 0, the whole match, has none). */
  captureNames(): (string | null)[] {
    if (this.names === undefined) {
      const names: (string | null)[] = new Array(this.compiled.groupCount() + 1).fill(null);
      for (const [name, index] of Object.entries(this.compiled.namedGroups())) names[index] = name;
      this.names = names;
    }
    return this.names;
  }

  /** The first match at or after `from` with its groups, or undefined. */
  captures(text: string, from = 0): RegexMatch | undefined {
    const matcher = this.compiled.matcher(text);
    return matcher.find(from) ? readMatch(matcher, this.compiled.groupCount()) : undefined;
  }

  /** Every non-overlapping match, left to right (an empty match advances one character). */
  *matches(text: string): Generator<RegexMatch> {
    const matcher = this.compiled.matcher(text);
    const groups = this.compiled.groupCount();
    let from = 0;
    while (from <= text.length && matcher.find(from)) {
      const match = readMatch(matcher, groups);
      yield match;
      from = match.end > match.start ? match.end : match.end + characterLength(text, match.end);
    }
  }

  /**
   * Replaces up to `limit` matches (all when `limit` is undefined) with `replacement`, expanding
   * `$name`, `${name}`, `$1` and `$$` as Rust's `Regex::replacen` does.
   */
  replace(text: string, replacement: string, limit?: number): string {
    let output = '';
    let last = 0;
    let count = 0;
    for (const match of this.matches(text)) {
      if (limit !== undefined && count >= limit) break;
      output += text.slice(last, match.start) + expandReplacement(replacement, match, this.captureNames());
      last = match.end;
      count++;
    }
    return count === 0 ? text : output + text.slice(last);
  }

  /** Splits the text around matches, as Rust's `Regex::split` does. */
  split(text: string): string[] {
    const parts: string[] = [];
    let last = 0;
    for (const match of this.matches(text)) {
      parts.push(text.slice(last, match.start));
      last = match.end;
    }
    parts.push(text.slice(last));
    return parts;
  }
}

/** One match: its span and the text of each group (undefined when the group did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  groups: (string | undefined)[];
}

/** A pattern Rust's `regex` crate (or its translation to RE2) refuses. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`regex parse error: ${reason}: ${pattern}`);
    this.name = 'RegexSyntaxError';
  }
}

const CACHE_LIMIT = 1000;
const cache = new Map<string, VrlRegex>();

function readMatch(matcher: Matcher, groupCount: number): RegexMatch {
  const groups: (string | undefined)[] = [];
  for (let index = 0; index <= groupCount; index++) groups.push(matcher.group(index) ?? undefined);
  return { start: matcher.start(0), end: matcher.end(0), groups };
}

function characterLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}

function expandReplacement(replacement: string, match: RegexMatch, names: (string | null)[]): string {
  if (!replacement.includes('$')) return replacement;
  let output = '';
  let index = 0;
  while (index < replacement.length) {
    const character = replacement[index] as string;
    if (character !== '$') {
      output += character;
      index++;
      continue;
    }
    if (replacement[index + 1] === '$') {
      output += '$';
      index += 2;
      continue;
    }
    let name: string;
    let end: number;
    if (replacement[index + 1] === '{') {
      const close = replacement.indexOf('}', index + 2);
      if (close < 0) {
        output += '$';
        index++;
        continue;
      }
      name = replacement.slice(index + 2, close);
      end = close + 1;
    } else {
      end = index + 1;
      while (end < replacement.length && /[0-9A-Za-z_]/.test(replacement[end] as string)) end++;
      name = replacement.slice(index + 1, end);
      if (name === '') {
        output += '$';
        index++;
        continue;
      }
    }
    const group = /^[0-9]+$/.test(name) ? Number(name) : names.indexOf(name);
    output += group >= 0 ? (match.groups[group] ?? '') : '';
    index = end;
  }
  return output;
}

// Unicode-aware classes as Rust defines them, written with the general categories RE2 knows.
const DIGIT = '\\p{Nd}';
const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Nl}\\p{Pc}';
const SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}';

const LONG_CLASS_NAMES: Record<string, string> = {
  letter: 'L',
  cased_letter: 'LC',
  uppercase_letter: 'Lu',
  lowercase_letter: 'Ll',
  titlecase_letter: 'Lt',
  modifier_letter: 'Lm',
  other_letter: 'Lo',
  mark: 'M',
  nonspacing_mark: 'Mn',
  spacing_mark: 'Mc',
  enclosing_mark: 'Me',
  number: 'N',
  decimal_number: 'Nd',
  digit: 'Nd',
  letter_number: 'Nl',
  other_number: 'No',
  punctuation: 'P',
  connector_punctuation: 'Pc',
  dash_punctuation: 'Pd',
  open_punctuation: 'Ps',
  close_punctuation: 'Pe',
  initial_punctuation: 'Pi',
  final_punctuation: 'Pf',
  other_punctuation: 'Po',
  symbol: 'S',
  math_symbol: 'Sm',
  currency_symbol: 'Sc',
  modifier_symbol: 'Sk',
  other_symbol: 'So',
  separator: 'Z',
  space_separator: 'Zs',
  line_separator: 'Zl',
  paragraph_separator: 'Zp',
  other: 'C',
  control: 'Cc',
  format: 'Cf',
  surrogate: 'Cs',
  private_use: 'Co',
  unassigned: 'Cn',
};

/** Translates Rust `regex` syntax to RE2 syntax (exported for tests). */
export function translateRustRegex(pattern: string): string {
  let output = '';
  let index = 0;
  let inClass = false;
  let classStart = 0;
  /** Classes open inside the current one. */
  let nested = 0;
  // The verbose flag (`x`) per open group: whitespace and `#` comments are ignored outside classes.
  const verboseStack: boolean[] = [false];
  const verbose = (): boolean => verboseStack[verboseStack.length - 1] as boolean;

  while (index < pattern.length) {
    const character = pattern[index] as string;

    if (character === '\\') {
      const next = pattern[index + 1];
      if (next === undefined) {
        output += '\\';
        index++;
        continue;
      }
      index += 2;
      switch (next) {
        case 'd':
          output += inClass ? DIGIT : DIGIT;
          break;
        case 'D':
          output += inClass ? '\\D' : '\\P{Nd}';
          break;
        case 'w':
          output += inClass ? WORD : `[${WORD}]`;
          break;
        case 'W':
          output += inClass ? '\\W' : `[^${WORD}]`;
          break;
        case 's':
          output += inClass ? SPACE : `[${SPACE}]`;
          break;
        case 'S':
          output += inClass ? '\\S' : `[^${SPACE}]`;
          break;
        case 'u':
        case 'U':
        case 'x': {
          const hex = readHexEscape(pattern, index, next);
          output += hex.text;
          index = hex.end;
          break;
        }
        case 'p':
        case 'P': {
          const unicodeClass = readUnicodeClass(pattern, index);
          output += `\\${next}${unicodeClass.text}`;
          index = unicodeClass.end;
          break;
        }
        default:
          output += `\\${next}`;
      }
      continue;
    }

    if (inClass) {
      if (character === '[' && pattern[index + 1] !== ':') {
        // A nested class is a union (`[[0-9].]`, as uap-core's regexes write): its members join
        // the outer class. A negated one cannot be written so in RE2.
        if (pattern[index + 1] === '^')
          throw new RegexSyntaxError(pattern, 'negated nested character classes are not supported');
        nested += 1;
        index++;
        continue;
      }
      if (character === ']' && nested > 0) {
        nested -= 1;
        index++;
        continue;
      }
      if (character === '[') {
        const close = pattern.indexOf(':]', index + 2);
        if (close > 0) {
          output += pattern.slice(index, close + 2);
          index = close + 2;
          continue;
        }
      }
      if ((character === '&' || character === '-' || character === '~') && pattern[index + 1] === character) {
        throw new RegexSyntaxError(pattern, 'character class set operations are not supported');
      }
      if (character === ']' && index > classStart) {
        inClass = false;
      }
      output += character;
      index++;
      continue;
    }

    if (verbose()) {
      if (/\s/.test(character)) {
        index++;
        continue;
      }
      if (character === '#') {
        while (index < pattern.length && pattern[index] !== '\n') index++;
        continue;
      }
    }

    switch (character) {
      case '[': {
        inClass = true;
        output += '[';
        index++;
        if (pattern[index] === '^') {
          output += '^';
          index++;
        }
        // A `]` right after the opening bracket is a literal.
        classStart = pattern[index] === ']' ? index + 1 : index;
        continue;
      }
      case '(': {
        if (pattern[index + 1] === '?') {
          const group = readGroupFlags(pattern, index, verbose());
          output += group.text;
          index = group.end;
          if (group.scoped) verboseStack.push(group.verbose);
          else verboseStack[verboseStack.length - 1] = group.verbose;
        } else {
          verboseStack.push(verbose());
          output += '(';
          index++;
        }
        continue;
      }
      case ')':
        if (verboseStack.length > 1) verboseStack.pop();
        output += ')';
        index++;
        continue;
      default:
        output += character;
        index++;
    }
  }
  return output;
}

function readHexEscape(pattern: string, index: number, kind: string): { text: string; end: number } {
  if (pattern[index] === '{') {
    const close = pattern.indexOf('}', index);
    if (close > 0) return { text: `\\x{${pattern.slice(index + 1, close)}}`, end: close + 1 };
    return { text: `\\${kind}`, end: index };
  }
  const width = kind === 'x' ? 2 : kind === 'u' ? 4 : 8;
  const digits = pattern.slice(index, index + width);
  if (digits.length === width && /^[0-9A-Fa-f]+$/.test(digits))
    return { text: `\\x{${digits}}`, end: index + width };
  return { text: `\\${kind}`, end: index };
}

function readUnicodeClass(pattern: string, index: number): { text: string; end: number } {
  if (pattern[index] !== '{') return { text: pattern[index] ?? '', end: index + 1 };
  const close = pattern.indexOf('}', index);
  if (close < 0) return { text: '{', end: index + 1 };
  const name = pattern.slice(index + 1, close);
  const normalized = name.toLowerCase().replace(/[\s-]/g, '_');
  const short = LONG_CLASS_NAMES[normalized] ?? (normalized === 'any' ? 'Any' : name.replace(/[\s-]/g, '_'));
  return { text: `{${short}}`, end: close + 1 };
}

/** Reads `(?flags)`, `(?flags:`, `(?P<name>`, `(?<name>`: drops the flags RE2 does not know. */
function readGroupFlags(
  pattern: string,
  index: number,
  verbose: boolean,
): { text: string; end: number; scoped: boolean; verbose: boolean } {
  const rest = pattern.slice(index);
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { text: `(?P<${named[1]}>`, end: index + named[0].length, scoped: true, verbose };
  const flags = /^\(\?([a-zA-Z-]*)([:)])/.exec(rest);
  if (!flags) return { text: '(?', end: index + 2, scoped: true, verbose };
  let negated = false;
  let nextVerbose = verbose;
  let kept = '';
  for (const flag of flags[1] as string) {
    if (flag === '-') {
      negated = true;
      kept += '-';
    } else if (flag === 'x') {
      nextVerbose = !negated;
    } else if (flag !== 'u' && flag !== 'R') {
      kept += flag;
    }
  }
  kept = kept.replace(/-$/, '');
  const closesHere = flags[2] === ')';
  const text = kept === '' ? (closesHere ? '' : '(?:') : `(?${kept}${flags[2]}`;
  return { text, end: index + flags[0].length, scoped: !closesHere, verbose: nextVerbose };
}

const RUST_MESSAGES: Array<[RegExp, string]> = [
  [/^missing closing \]/, 'unclosed character class'],
  [/^missing closing \)/, 'unclosed group'],
  [/^unexpected \)/, 'unopened group'],
  [/^missing argument to repetition operator/, 'repetition operator missing expression'],
  [/^invalid escape sequence/, 'unrecognized escape sequence'],
  [/^invalid character class range/, 'invalid character class range, the start must be <= the end'],
  [/^invalid repeat count/, 'invalid repetition count range, the start must be <= the end'],
  [/^invalid or unsupported Perl syntax/, 'unrecognized flag'],
  [/^invalid named capture/, 'invalid capture group name'],
  [/^duplicate capture group name/, 'duplicate capture group name'],
];

/** RE2's error wording mapped to Rust's (`regex parse error: unclosed character class`). */
function rustMessage(re2Message: string): string {
  const reason = re2Message.replace(/^error parsing regexp: /, '').replace(/: `.*`$/s, '');
  for (const [match, rust] of RUST_MESSAGES) if (match.test(reason)) return rust;
  return reason;
}
