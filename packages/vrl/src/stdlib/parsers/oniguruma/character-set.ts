/**
 * Character sets of Oniguruma patterns (UTF-8, Unicode): classes, `\w`-style types, POSIX
 * brackets and `\p{…}` properties. A set is a predicate on code points with an ASCII table in
 * front. Unicode properties are tested one code point at a time with a JavaScript `\p{…}` class
 * (a single-character test: nothing there can backtrack).
 */
export class CharacterSet {
  private readonly asciiTable = new Uint8Array(128);

  constructor(private readonly predicate: (code: number) => boolean) {
    for (let code = 0; code < 128; code++) this.asciiTable[code] = predicate(code) ? 1 : 0;
  }

  has(code: number): boolean {
    return code < 128 ? this.asciiTable[code] === 1 : this.predicate(code);
  }

  negate(): CharacterSet {
    return new CharacterSet((code) => !this.has(code));
  }

  /** The set matching case-insensitively (simple case folding). */
  ignoringCase(): CharacterSet {
    return new CharacterSet((code) => {
      if (this.has(code)) return true;
      for (const variant of caseVariants(code)) if (this.has(variant)) return true;
      return false;
    });
  }

  static of(predicate: (code: number) => boolean): CharacterSet {
    return new CharacterSet(predicate);
  }

  static union(sets: readonly CharacterSet[]): CharacterSet {
    return new CharacterSet((code) => sets.some((set) => set.has(code)));
  }

  static intersection(sets: readonly CharacterSet[]): CharacterSet {
    return new CharacterSet((code) => sets.every((set) => set.has(code)));
  }

  static range(low: number, high: number): CharacterSet {
    return new CharacterSet((code) => code >= low && code <= high);
  }
}

/** The other-case forms of a code point (for `(?i)`). */
export function caseVariants(code: number): number[] {
  const character = String.fromCodePoint(code);
  const variants: number[] = [];
  for (const other of [character.toLowerCase(), character.toUpperCase()]) {
    const point = other.codePointAt(0) as number;
    if (other.length === String.fromCodePoint(point).length && point !== code && !variants.includes(point))
      variants.push(point);
  }
  return variants;
}

const propertyCache = new Map<string, RegExp | undefined>();

/** A JavaScript `\p{…}` class when the name is one JavaScript knows (exactly as written). */
function javascriptProperty(name: string): RegExp | undefined {
  if (propertyCache.has(name)) return propertyCache.get(name);
  let regex: RegExp | undefined;
  try {
    regex = new RegExp(`^\\p{${name}}$`, 'u');
  } catch {
    regex = undefined;
  }
  propertyCache.set(name, regex);
  return regex;
}

function fromRegExp(regex: RegExp): CharacterSet {
  return new CharacterSet((code) => regex.test(String.fromCodePoint(code)));
}

const ascii = (pattern: RegExp): CharacterSet =>
  new CharacterSet((code) => code < 128 && pattern.test(String.fromCharCode(code)));

export const DIGIT = fromRegExp(/^\p{Nd}$/u);
export const WORD = fromRegExp(/^[\p{L}\p{M}\p{N}\p{Pc}]$/u);
export const SPACE = fromRegExp(/^[\t-\r\u0085\p{Zl}\p{Zp}\p{Zs}]$/u);
export const HEX_DIGIT = ascii(/[0-9a-fA-F]/);
export const ASCII_DIGIT = ascii(/[0-9]/);
export const ASCII_WORD = ascii(/[0-9A-Za-z_]/);
export const ASCII_SPACE = ascii(/[\t-\r ]/);

const CNTRL = CharacterSet.of((code) => code <= 0x1f || (code >= 0x7f && code <= 0x9f));
const GRAPH = fromRegExp(/^[^\p{White_Space}\p{Cc}\p{Cn}\p{Cs}]$/u);

/** POSIX bracket classes and the same names as properties (Unicode definitions). */
const POSIX: Record<string, CharacterSet> = {
  alnum: fromRegExp(/^[\p{Alphabetic}\p{Nd}]$/u),
  alpha: fromRegExp(/^\p{Alphabetic}$/u),
  ascii: CharacterSet.range(0, 0x7f),
  blank: fromRegExp(/^[\p{Zs}\t]$/u),
  cntrl: CNTRL,
  digit: DIGIT,
  graph: GRAPH,
  lower: fromRegExp(/^\p{Lowercase}$/u),
  print: CharacterSet.union([GRAPH, fromRegExp(/^\p{Zs}$/u)]),
  punct: fromRegExp(/^[\p{P}\p{S}]$/u),
  space: fromRegExp(/^\p{White_Space}$/u),
  upper: fromRegExp(/^\p{Uppercase}$/u),
  xdigit: HEX_DIGIT,
  word: fromRegExp(/^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]$/u),
};

/** The same classes restricted to ASCII (`(?P)`, or a POSIX class under ASCII options). */
const POSIX_ASCII: Record<string, CharacterSet> = {
  alnum: ascii(/[0-9A-Za-z]/),
  alpha: ascii(/[A-Za-z]/),
  ascii: CharacterSet.range(0, 0x7f),
  blank: ascii(/[ \t]/),
  cntrl: CharacterSet.of((code) => code <= 0x1f || code === 0x7f),
  digit: ASCII_DIGIT,
  graph: ascii(/[!-~]/),
  lower: ascii(/[a-z]/),
  print: ascii(/[ -~]/),
  punct: ascii(/[!-/:-@[-`{-~]/),
  space: ASCII_SPACE,
  upper: ascii(/[A-Z]/),
  xdigit: HEX_DIGIT,
  word: ASCII_WORD,
};

export function posixClass(name: string, asciiOnly: boolean): CharacterSet | undefined {
  return Object.hasOwn(POSIX, name) ? (asciiOnly ? POSIX_ASCII : POSIX)[name] : undefined;
}

/** A `\p{name}` property as Oniguruma names them (case, spaces, `_` and `-` ignored). */
export function unicodeProperty(name: string): CharacterSet | undefined {
  const normalized = name.toLowerCase().replace(/[\s_-]/g, '');
  if (normalized === 'any') return CharacterSet.of(() => true);
  if (normalized === 'assigned') return fromRegExp(/^\P{Cn}$/u);
  if (Object.hasOwn(POSIX, normalized)) return POSIX[normalized];
  const words = name.split(/[\s_-]+/).filter((word) => word !== '');
  const titled = words.map((word) => word[0]?.toUpperCase() + word.slice(1).toLowerCase()).join('_');
  for (const candidate of [name, titled, words.join('_'), `Script=${titled}`, `Script=${name}`]) {
    const regex = javascriptProperty(candidate);
    if (regex !== undefined) return fromRegExp(regex);
  }
  return undefined;
}
