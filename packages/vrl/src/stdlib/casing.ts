import {
  type CompileCall,
  defineFunction,
  expectString,
  FunctionCompileError,
  kind,
  optional,
  required,
  type VrlFunction,
} from '../function.js';
import { TypeDef } from '../type/type-def.js';
import type { Value } from '../value/value.js';
import { isAscii } from './raw-bytes.js';

/**
 * The case conversions (`camelcase`, `snakecase`, …) as VRL makes them with the `convert_case`
 * crate (0.7): the string is split into words at boundaries (separators, case and digit changes,
 * between graphemes), then the words are cased and joined.
 */

export type Case = 'camelCase' | 'PascalCase' | 'SCREAMING_SNAKE' | 'snake_case' | 'kebab-case';

/** A boundary: a test on the graphemes from the current one, where the split starts, how much it consumes. */
interface Boundary {
  readonly name: string;
  readonly test: (graphemes: readonly string[], at: number) => boolean;
  readonly start: number;
  readonly length: number;
}

function isUppercase(grapheme: string | undefined): boolean {
  if (grapheme === undefined) return false;
  const upper = grapheme.toUpperCase();
  return upper !== grapheme.toLowerCase() && grapheme === upper;
}

function isLowercase(grapheme: string | undefined): boolean {
  if (grapheme === undefined) return false;
  const lower = grapheme.toLowerCase();
  return grapheme.toUpperCase() !== lower && grapheme === lower;
}

function isDigit(grapheme: string | undefined): boolean {
  return grapheme !== undefined && /^[0-9]+$/.test(grapheme);
}

function pair(
  name: string,
  first: (g: string | undefined) => boolean,
  second: (g: string | undefined) => boolean,
): Boundary {
  return { name, test: (g, at) => first(g[at]) && second(g[at + 1]), start: 1, length: 0 };
}

const SPACE: Boundary = { name: 'space', test: (g, at) => g[at] === ' ', start: 0, length: 1 };
const HYPHEN: Boundary = { name: 'hyphen', test: (g, at) => g[at] === '-', start: 0, length: 1 };
const UNDERSCORE: Boundary = { name: 'underscore', test: (g, at) => g[at] === '_', start: 0, length: 1 };
const LOWER_UPPER = pair('lower_upper', isLowercase, isUppercase);
const UPPER_LOWER = pair('upper_lower', isUppercase, isLowercase);
const ACRONYM: Boundary = {
  name: 'acronym',
  test: (g, at) => isUppercase(g[at]) && isUppercase(g[at + 1]) && isLowercase(g[at + 2]),
  start: 1,
  length: 0,
};
const LOWER_DIGIT = pair('lower_digit', isLowercase, isDigit);
const UPPER_DIGIT = pair('upper_digit', isUppercase, isDigit);
const DIGIT_LOWER = pair('digit_lower', isDigit, isLowercase);
const DIGIT_UPPER = pair('digit_upper', isDigit, isUppercase);

const DEFAULT_BOUNDARIES = [
  SPACE,
  HYPHEN,
  UNDERSCORE,
  LOWER_UPPER,
  ACRONYM,
  LOWER_DIGIT,
  UPPER_DIGIT,
  DIGIT_LOWER,
  DIGIT_UPPER,
];
const CAMEL_BOUNDARIES = [LOWER_UPPER, ACRONYM, LOWER_DIGIT, UPPER_DIGIT, DIGIT_LOWER, DIGIT_UPPER];

/** The boundaries `excluded_boundaries` may name, in VRL's order. */
const NAMED_BOUNDARIES = [
  LOWER_UPPER,
  UPPER_LOWER,
  ACRONYM,
  LOWER_DIGIT,
  UPPER_DIGIT,
  DIGIT_LOWER,
  DIGIT_UPPER,
];

/** The boundaries a case's words are split at (`Case::boundaries`). */
function boundariesOf(from: Case): Boundary[] {
  switch (from) {
    case 'snake_case':
    case 'SCREAMING_SNAKE':
      return [UNDERSCORE];
    case 'kebab-case':
      return [HYPHEN];
    default:
      return CAMEL_BOUNDARIES;
  }
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  // ASCII has no multi-character graphemes except CR LF.
  if (isAscii(text) && !text.includes('\r\n')) return text.split('');
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/** `convert_case::split`: the non-empty words between boundaries. */
function splitWords(text: string, boundaries: readonly Boundary[]): string[] {
  if (text === '') return [];
  const parts = graphemes(text);
  const words: string[] = [];
  let wordStart = 0;
  for (let index = 0; index < parts.length; index++) {
    for (const boundary of boundaries) {
      if (boundary.test(parts, index)) {
        words.push(parts.slice(wordStart, index + boundary.start).join(''));
        wordStart = Math.min(index + boundary.start + boundary.length, parts.length);
        break;
      }
    }
  }
  words.push(parts.slice(wordStart).join(''));
  return words.filter((word) => word !== '');
}

function capitalize(word: string): string {
  const [first, ...rest] = graphemes(word);
  return first === undefined ? '' : first.toUpperCase() + rest.join('').toLowerCase();
}

/** Converts the string to a case, splitting it as `from` says (or at every default boundary). */
export function convertCase(
  text: string,
  to: Case,
  from: Case | undefined,
  excluded: readonly string[] = [],
): string {
  const boundaries = (from === undefined ? DEFAULT_BOUNDARIES : boundariesOf(from)).filter(
    (boundary) => !excluded.includes(boundary.name),
  );
  const words = splitWords(text, boundaries);
  switch (to) {
    case 'camelCase':
      return words.map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word))).join('');
    case 'PascalCase':
      return words.map(capitalize).join('');
    case 'SCREAMING_SNAKE':
      return words.map((word) => word.toUpperCase()).join('_');
    case 'snake_case':
      return words.map((word) => word.toLowerCase()).join('_');
    case 'kebab-case':
      return words.map((word) => word.toLowerCase()).join('-');
  }
}

const CASES: readonly Case[] = ['camelCase', 'PascalCase', 'SCREAMING_SNAKE', 'snake_case', 'kebab-case'];

/** The `excluded_boundaries` literal: boundary names (checked at compile time, as VRL does). */
function excludedBoundaries(call: CompileCall): string[] {
  const argument = call.argument('excluded_boundaries');
  if (argument === undefined) return [];
  const names = call.literal('excluded_boundaries') as Value[];
  const known = NAMED_BOUNDARIES.map((boundary) => boundary.name);
  for (const name of names) {
    if (typeof name !== 'string' || !known.includes(name)) {
      throw new FunctionCompileError(0, `boundary must match one of: ${known.join(', ')}`, []);
    }
  }
  return names as string[];
}

/** A case conversion function: `value`, the optional `original_case` hint (and `excluded_boundaries`). */
export function caseFunction(name: string, to: Case, withExcludedBoundaries = false): VrlFunction {
  const parameters = [required('value', kind.BYTES), optional('original_case', kind.BYTES)];
  if (withExcludedBoundaries) parameters.push(optional('excluded_boundaries', kind.ARRAY));
  return defineFunction({
    name,
    parameters,
    compile(call) {
      const from = call.enumValue('original_case', CASES) as Case | undefined;
      const excluded = withExcludedBoundaries ? excludedBoundaries(call) : [];
      const value = call.required('value').evaluate;
      return {
        run: (context) => convertCase(expectString(value(context)), to, from, excluded),
        typeDef: TypeDef.bytes(),
      };
    },
  });
}
