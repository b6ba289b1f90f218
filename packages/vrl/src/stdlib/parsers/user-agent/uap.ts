import { VrlRegex } from '../../../value/regex.js';
import { rustTrim } from '../whitespace.js';
import { UAP_REGEXES, type UapParser } from './uap-regexes.js';

/**
 * A port of the `ua-parser` crate 0.2.2 (ua-parser/uap-rust; Apache License 2.0, the ua-parser
 * authors), the `reliable` and `enriched` parsers of VRL's `parse_user_agent`, over VRL's copy
 * of uap-core's regexes (./regexes.yaml): the first regex that matches wins, its groups filling
 * the fields as the crate's resolvers do. The crate's prefilter only skips regexes that cannot
 * match, so trying them in order is the same; results are cached by user agent instead.
 */

export interface UapBrowser {
  family: string;
  major: string | undefined;
  minor: string | undefined;
  patch: string | undefined;
}

export interface UapOs {
  family: string;
  major: string | undefined;
  minor: string | undefined;
  patch: string | undefined;
  patchMinor: string | undefined;
}

export interface UapDevice {
  family: string;
  brand: string | undefined;
  model: string | undefined;
}

export interface UapResult {
  browser: UapBrowser | undefined;
  os: UapOs | undefined;
  device: UapDevice | undefined;
}

/**
 * The crate's `rewrite_regex`: `\d`, `\D`, `\w`, `\W` as ASCII classes, and repetitions
 * `{0,n}` / `{1,n}` with n of three digits or more as `*` / `+`.
 */
export function rewriteRegex(regex: string): string {
  let from = 0;
  let out = '';
  let escaped = false;
  let inClass = 0;
  let index = 0;
  const characters = [...regex];
  // Byte offsets are not needed: the replacements are found by character index in `characters`.
  main: while (index < characters.length) {
    const character = characters[index] as string;
    const at = index;
    index++;
    if (character === '\\' && !escaped) {
      escaped = true;
      continue;
    }
    if (character === '{' && !escaped && inClass === 0) {
      if (at === 0) return regex;
      const start = characters[index];
      index++;
      if (start === undefined) continue;
      if (start !== '0' && start !== '1') continue;
      const comma = characters[index];
      index++;
      if (comma !== ',') continue;
      let digits = 0;
      while (index < characters.length) {
        const next = characters[index] as string;
        const nextAt = index;
        index++;
        if (next === '}' && digits > 2) {
          out += characters.slice(from, at).join('');
          from = nextAt + 1;
          out += start === '0' ? '*' : '+';
          break;
        }
        if (next >= '0' && next <= '9') {
          digits++;
          continue;
        }
        continue main;
      }
      continue;
    }
    if (character === '[' && !escaped) inClass++;
    else if (character === ']' && !escaped) inClass--;
    else if (escaped && CLASSES[character] !== undefined) {
      out += characters.slice(from, at - 1).join('');
      from = at + 1;
      out += CLASSES[character];
    }
    escaped = false;
  }
  return from === 0 ? regex : out + characters.slice(from).join('');
}

const CLASSES: Record<string, string> = {
  d: '[0-9]',
  D: '[^0-9]',
  w: '[A-Za-z0-9_]',
  W: '[^A-Za-z0-9_]',
};

/** A group's text, unless it did not take part or is empty (the crate's `get`). */
function group(groups: (string | undefined)[], index: number): string | undefined {
  const text = groups[index];
  return text === undefined || text === '' ? undefined : text;
}

/** `$` followed by an ASCII digit somewhere in the text. */
const hasSubstitution = (text: string): boolean => /\$[0-9]/.test(text);

/** Rust's `Captures::expand` for unnamed groups: `$n`, `${n}`, `$$`; unknown references are empty. */
function expand(template: string, groups: (string | undefined)[]): string {
  let output = '';
  let index = 0;
  while (index < template.length) {
    const dollar = template.indexOf('$', index);
    if (dollar < 0) break;
    output += template.slice(index, dollar);
    if (template[dollar + 1] === '$') {
      output += '$';
      index = dollar + 2;
      continue;
    }
    let name: string;
    let end: number;
    if (template[dollar + 1] === '{') {
      const close = template.indexOf('}', dollar + 2);
      name = close < 0 ? '' : template.slice(dollar + 2, close);
      end = close + 1;
    } else {
      end = dollar + 1;
      while (end < template.length && /[0-9A-Za-z_]/.test(template[end] as string)) end++;
      name = template.slice(dollar + 1, end);
    }
    if (name === '') {
      output += '$';
      index = dollar + 1;
      continue;
    }
    output += /^[0-9]+$/.test(name) ? (groups[Number(name)] ?? '') : '';
    index = end;
  }
  return output + template.slice(index);
}

type Resolve<T> = (groups: (string | undefined)[]) => T;

/** The crate's `Resolver`: a full template, a replacement, else group `index`, else empty. */
function resolver(replacement: string | undefined, groups: number, index: number): Resolve<string> {
  if (replacement !== undefined && rustTrim(replacement) !== '') {
    if (hasSubstitution(replacement)) return (captured) => rustTrim(expand(replacement, captured));
    return () => replacement;
  }
  if (groups >= index) return (captured) => group(captured, index) ?? '';
  return () => '';
}

/** The crate's `OptResolver`: as `Resolver`, but absent rather than empty. */
function optionalResolver(
  replacement: string | undefined,
  groups: number,
  index: number,
): Resolve<string | undefined> {
  if (replacement !== undefined && rustTrim(replacement) !== '') {
    if (hasSubstitution(replacement))
      return (captured) => {
        const trimmed = rustTrim(expand(replacement, captured));
        return trimmed === '' ? undefined : trimmed;
      };
    return () => replacement;
  }
  if (groups >= index) return (captured) => group(captured, index);
  return () => undefined;
}

/** The crate's `FamilyResolver`: `$1` only. */
function familyResolver(replacement: string | undefined, groups: number): Resolve<string> {
  if (replacement?.includes('$1'))
    return (captured) => replacement.replaceAll('$1', group(captured, 1) ?? '');
  if (replacement !== undefined && replacement !== '') return () => replacement;
  if (groups >= 1) return (captured) => group(captured, 1) ?? '';
  return () => '';
}

/** The crate's `FallbackResolver`: a replacement as it is, else group `index`. */
function fallbackResolver(
  replacement: string | undefined,
  groups: number,
  index: number,
): Resolve<string | undefined> {
  if (replacement !== undefined && replacement !== '') return () => replacement;
  if (groups >= index) return (captured) => group(captured, index);
  return () => undefined;
}

interface Compiled<T> {
  regex: VrlRegex;
  resolve: Resolve<T>;
}

function compile<T>(
  parser: UapParser,
  caseInsensitive: boolean,
  resolvers: (groups: number) => Resolve<T>,
): Compiled<T> {
  const rewritten = rewriteRegex(parser.regex);
  const regex = VrlRegex.compile(caseInsensitive ? `(?i:${rewritten})` : rewritten);
  return { regex, resolve: resolvers(regex.captureNames().length - 1) };
}

let extractors:
  | {
      browser: Compiled<UapBrowser>[];
      os: Compiled<UapOs>[];
      device: Compiled<UapDevice>[];
    }
  | undefined;

/** Compiles the regexes on first use (about 1,300 of them). */
function loadExtractors(): NonNullable<typeof extractors> {
  extractors ??= {
    browser: UAP_REGEXES.user_agent_parsers.map((parser) =>
      compile(parser, false, (groups) => {
        const family = familyResolver(parser.family_replacement, groups);
        const major = fallbackResolver(parser.v1_replacement, groups, 2);
        const minor = fallbackResolver(parser.v2_replacement, groups, 3);
        const patch = fallbackResolver(parser.v3_replacement, groups, 4);
        return (captured) => ({
          family: family(captured),
          major: major(captured),
          minor: minor(captured),
          patch: patch(captured),
        });
      }),
    ),
    os: UAP_REGEXES.os_parsers.map((parser) =>
      compile(parser, false, (groups) => {
        const family = resolver(parser.os_replacement, groups, 1);
        const major = optionalResolver(parser.os_v1_replacement, groups, 2);
        const minor = optionalResolver(parser.os_v2_replacement, groups, 3);
        const patch = optionalResolver(parser.os_v3_replacement, groups, 4);
        const patchMinor = optionalResolver(parser.os_v4_replacement, groups, 5);
        return (captured) => ({
          family: family(captured),
          major: major(captured),
          minor: minor(captured),
          patch: patch(captured),
          patchMinor: patchMinor(captured),
        });
      }),
    ),
    device: UAP_REGEXES.device_parsers.map((parser) =>
      compile(parser, parser.regex_flag === 'i', (groups) => {
        const family = resolver(parser.device_replacement, groups, 1);
        const brand = optionalResolver(parser.brand_replacement, 0, 999);
        const model = optionalResolver(parser.model_replacement, groups, 1);
        return (captured) => ({ family: family(captured), brand: brand(captured), model: model(captured) });
      }),
    ),
  };
  return extractors;
}

function firstMatch<T>(compiled: Compiled<T>[], agent: string): T | undefined {
  for (const { regex, resolve } of compiled) {
    const match = regex.captures(agent);
    if (match !== undefined) return resolve(match.groups);
  }
  return undefined;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, UapResult>();

/** The browser, OS and device uap-core's regexes find in a user agent. */
export function parseUap(agent: string): UapResult {
  const cached = cache.get(agent);
  if (cached !== undefined) return cached;
  const loaded = loadExtractors();
  const result: UapResult = {
    browser: firstMatch(loaded.browser, agent),
    os: firstMatch(loaded.os, agent),
    device: firstMatch(loaded.device, agent),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(agent, result);
  return result;
}
