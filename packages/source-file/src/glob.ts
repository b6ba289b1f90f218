import { readdir, stat } from 'node:fs/promises';

/**
 * Glob patterns as Vector reads them: the Rust `glob` crate's syntax and its default match options
 * (`*` and `?` match a leading dot; in `exclude`, which is matched against the whole path, they
 * also match `/`). Neither picomatch nor Node's `fs.glob` (absent on Node 20) has those rules, and
 * a walker of our own also sees what a glob library skips without a word: FIFOs, sockets and
 * dangling symbolic links, which this source must report.
 *
 * Syntax: `?` one character, `*` any run of characters, `**` (a whole path component) any number
 * of directories, `[abc]` / `[a-z]` / `[!abc]` character sets (`]` first in a set is literal). A
 * `**` that is not a whole component, `***`, or an unclosed `[` is an error.
 */
export class GlobSyntaxError extends Error {
  override name = 'GlobSyntaxError';
}

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any-char' }
  | { kind: 'any-sequence' }
  | { kind: 'any-depth' }
  | { kind: 'set'; negated: boolean; items: Array<string | [string, string]> };

/** Rust glob's `Pattern::new`: the tokens of a pattern, or a `GlobSyntaxError`. */
function tokenize(pattern: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  let index = 0;
  while (index < chars.length) {
    const char = chars[index] as string;
    if (char === '?') {
      tokens.push({ kind: 'any-char' });
      index += 1;
    } else if (char === '*') {
      const start = index;
      while (chars[index] === '*') index += 1;
      const count = index - start;
      if (count > 2) throw new GlobSyntaxError(`"${pattern}": wildcards are either "*" or "**"`);
      if (count === 1) {
        tokens.push({ kind: 'any-sequence' });
        continue;
      }
      const afterSeparator = start === 0 || chars[start - 1] === '/';
      const beforeSeparator = index === chars.length || chars[index] === '/';
      if (!afterSeparator || !beforeSeparator)
        throw new GlobSyntaxError(`"${pattern}": "**" must be a whole path component (as in "a/**/b")`);
      if (chars[index] === '/') index += 1;
      if (tokens.at(-1)?.kind !== 'any-depth') tokens.push({ kind: 'any-depth' });
    } else if (char === '[') {
      const negated = chars[index + 1] === '!';
      // `]` right after `[` or `[!` belongs to the set.
      const firstItem = index + (negated ? 2 : 1);
      const close = chars.indexOf(']', firstItem + 1);
      if (close === -1 || firstItem >= chars.length)
        throw new GlobSyntaxError(`"${pattern}": unclosed character set "[" at position ${index}`);
      tokens.push({ kind: 'set', negated, items: setItems(chars.slice(firstItem, close)) });
      index = close + 1;
    } else {
      tokens.push({ kind: 'char', char });
      index += 1;
    }
  }
  return tokens;
}

function setItems(chars: string[]): Array<string | [string, string]> {
  const items: Array<string | [string, string]> = [];
  let index = 0;
  while (index < chars.length) {
    if (index + 2 < chars.length && chars[index + 1] === '-') {
      items.push([chars[index] as string, chars[index + 2] as string]);
      index += 3;
    } else {
      items.push(chars[index] as string);
      index += 1;
    }
  }
  return items;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
/** Inside a set `-` is special too (and may be escaped there in a `u` expression). */
const escapeInSet = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The regular expression of tokens; `crossSeparators`: `*`, `?` and sets also match `/`. */
function regExpSource(tokens: readonly Token[], crossSeparators: boolean): string {
  const any = crossSeparators ? '[^]' : '[^/]';
  let source = '';
  for (const token of tokens) {
    if (token.kind === 'char') source += escapeRegExp(token.char);
    else if (token.kind === 'any-char') source += any;
    else if (token.kind === 'any-sequence') source += `${any}*`;
    // Rust: nothing, or any run of characters that ends with a separator.
    else if (token.kind === 'any-depth') source += '(?:[^]*/)?';
    else {
      let set = '';
      for (const item of token.items) {
        if (typeof item === 'string') set += escapeInSet(item);
        // A reversed range matches nothing in Rust; JavaScript refuses it.
        else if ((item[0].codePointAt(0) ?? 0) <= (item[1].codePointAt(0) ?? 0))
          set += `${escapeInSet(item[0])}-${escapeInSet(item[1])}`;
      }
      // `[]` matches nothing and `[^]` anything, as an empty Rust set and its negation do.
      source += token.negated ? `[^${set}]` : `[${set}]`;
    }
  }
  return source;
}

/** An `exclude` pattern: matched against the whole path, `*` crossing `/` (Rust's `Pattern::matches`). */
export function compileExclude(pattern: string): (path: string) => boolean {
  const regExp = new RegExp(`^${regExpSource(tokenize(pattern), true)}$`, 'u');
  return (path) => regExp.test(path);
}

type Component =
  | { kind: 'literal'; name: string }
  | { kind: 'any-depth' }
  | { kind: 'match'; regExp: RegExp };

/** An `include` pattern, split into path components as Rust's `glob_with` walks them. */
export interface IncludePattern {
  pattern: string;
  /** Where the walk starts: `/`, or `` for a relative pattern (the working directory). */
  root: string;
  components: readonly Component[];
}

export function compileInclude(pattern: string): IncludePattern {
  tokenize(pattern); // the syntax check of the whole pattern
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((part, index) => part !== '' || index === 0);
  if (absolute) parts.shift();
  const components = parts.map((part): Component => {
    if (part === '**') return { kind: 'any-depth' };
    const tokens = tokenize(part);
    if (tokens.every((token) => token.kind === 'char'))
      return { kind: 'literal', name: tokens.map((token) => (token as { char: string }).char).join('') };
    return { kind: 'match', regExp: new RegExp(`^${regExpSource(tokens, false)}$`, 'u') };
  });
  return { pattern, root: absolute ? '/' : '', components };
}

/** Problems a walk met: directories it could not list (Vector's `globbing` errors). */
export interface WalkProblem {
  path: string;
  error: NodeJS.ErrnoException;
}

const join = (base: string, name: string) =>
  base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;

/**
 * The paths an include pattern matches now, in sorted order (files, directories, FIFOs, dangling
 * links: the caller tells them apart). Directories that cannot be listed are reported through
 * `onProblem`; a missing directory is no problem (the pattern just matches nothing there). A
 * directory reached twice through symbolic links under `**` is walked once.
 */
export async function walkInclude(
  include: IncludePattern,
  onProblem: (problem: WalkProblem) => void,
): Promise<string[]> {
  const found: string[] = [];
  const walked = new Set<string>();
  const list = async (directory: string) => {
    try {
      const entries = await readdir(directory === '' ? '.' : directory, { withFileTypes: true });
      return entries.sort((first, second) =>
        first.name < second.name ? -1 : first.name > second.name ? 1 : 0,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        onProblem({ path: directory, error: error as NodeJS.ErrnoException });
      return [];
    }
  };
  const isDirectory = async (path: string, entry: { isDirectory(): boolean; isSymbolicLink(): boolean }) => {
    if (entry.isDirectory()) return true;
    if (!entry.isSymbolicLink()) return false;
    return stat(path).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
  };
  const walk = async (base: string, index: number): Promise<void> => {
    const component = include.components[index];
    if (component === undefined) {
      found.push(base === '' ? '.' : base);
      return;
    }
    const last = index === include.components.length - 1;
    if (component.kind === 'literal') {
      await walk(join(base, component.name), index + 1);
      return;
    }
    if (component.kind === 'any-depth') {
      // A directory reached again through a symbolic link (a loop) is not walked twice.
      const identity = await stat(base === '' ? '.' : base).then(
        (stats) => `${stats.dev}:${stats.ino}`,
        () => undefined,
      );
      if (identity === undefined || walked.has(`${identity}@${index}`)) return;
      walked.add(`${identity}@${index}`);
      // Zero directories, then each subdirectory with `**` still pending. A trailing `**` matches
      // directories only, as in Rust.
      if (last) found.push(base === '' ? '.' : base);
      else await walk(base, index + 1);
      for (const entry of await list(base)) {
        const path = join(base, entry.name);
        if (await isDirectory(path, entry)) await walk(path, index);
      }
      return;
    }
    for (const entry of await list(base)) {
      if (!component.regExp.test(entry.name)) continue;
      const path = join(base, entry.name);
      if (last) found.push(path);
      else if (await isDirectory(path, entry)) await walk(path, index + 1);
    }
  };
  await walk(include.root, 0);
  return found;
}
