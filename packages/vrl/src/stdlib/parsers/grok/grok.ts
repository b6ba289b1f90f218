import { OnigRegex } from '../oniguruma/regex.js';
import { OnigurumaError } from '../oniguruma/syntax.js';
import { GROK_PATTERNS } from './default-patterns.js';

/**
 * The `grok` crate (2.4.1), as VRL's `parse_grok` uses it: `%{NAME:alias:extract=definition}`
 * placeholders expanded from the default patterns into one Oniguruma regex, named groups for the
 * aliased placeholders only, the crate's errors word for word.
 */

const MAX_RECURSION = 1024;

/** A grok compile error; its message is the crate's `Display`. */
export class GrokError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrokError';
  }
}

type Component =
  | { type: 'regex'; text: string }
  | { type: 'pattern'; name: string; alias: string; extract: string; definition: string }
  | { type: 'error'; debug: string };

/** The crate's `grok_split`: regex text and placeholders, fused after the first error. */
function* grokSplit(text: string): Generator<Component> {
  const characters = [...text];
  let index = 0;
  while (index < characters.length) {
    const start = index;
    if (characters[index] === '%') {
      index++;
      if (index >= characters.length) {
        yield { type: 'regex', text: characters.slice(start).join('') };
        return;
      }
      const next = characters[index++];
      if (next === '{') {
        const placeholder = readPlaceholder(characters, index);
        if ('error' in placeholder) {
          yield { type: 'error', debug: placeholder.error };
          return;
        }
        index = placeholder.end;
        yield { type: 'pattern', ...placeholder.component };
        continue;
      }
    }
    while (index < characters.length && characters[index] !== '%') index++;
    yield { type: 'regex', text: characters.slice(start, index).join('') };
  }
}

type Placeholder =
  | { end: number; component: { name: string; alias: string; extract: string; definition: string } }
  | { error: string };

function readPlaceholder(characters: string[], from: number): Placeholder {
  const components = ['', '', ''];
  let index = from;
  let count = 0;
  for (;;) {
    // try_munch_word: a word up to `}`, `=` or `:`; aliases and extracts may also hold `-[].`.
    const wordStart = index;
    let terminator: string | undefined;
    while (index < characters.length) {
      const character = characters[index] as string;
      if (character === '}' || character === '=' || character === ':') {
        terminator = character;
        break;
      }
      if (!/^[A-Za-z0-9_]$/.test(character) && (count === 0 || !'-[].'.includes(character)))
        return { error: `InvalidCharacter(${rustCharDebug(character)})` };
      index++;
    }
    if (terminator === undefined) return { error: 'InvalidPattern' };
    if (index === wordStart && count === 0) return { error: 'InvalidPattern' };
    if (count === 3) return { error: 'InvalidPattern' };
    components[count] = characters.slice(wordStart, index).join('');
    index++;
    count++;
    if (count === 3 && components[2] === '') return { error: 'InvalidPatternDefinition' };
    const [name, alias, extract] = components as [string, string, string];
    if (terminator === '}') {
      if (count === 2 && alias === '') return { error: 'InvalidPatternDefinition' };
      return { end: index, component: { name, alias, extract, definition: '' } };
    }
    if (terminator === '=') {
      const definitionStart = index;
      for (;;) {
        const character = characters[index];
        if (character === undefined || character === '{') return { error: 'InvalidPatternDefinition' };
        if (character === '}') break;
        index++;
      }
      const definition = characters.slice(definitionStart, index).join('');
      if (definition === '') return { error: 'InvalidPatternDefinition' };
      if (count === 2 && alias === '') return { error: 'InvalidPatternDefinition' };
      return { end: index + 1, component: { name, alias, extract, definition } };
    }
  }
}

/** Rust's `{:?}` of a char. */
function rustCharDebug(character: string): string {
  if (character === "'") return "'\\''";
  if (character === '\\') return "'\\\\'";
  if (character === '\n') return "'\\n'";
  if (character === '\t') return "'\\t'";
  if (character === '\r') return "'\\r'";
  return `'${character}'`;
}

const DEFAULT_PATTERNS = new Map(GROK_PATTERNS);

interface Expanded {
  regex: string;
  /** Group names in the regex (`_n_0`…) to the keys of the result. */
  aliases: Map<string, string>;
}

/** The crate's `compile_regex(pattern, with_alias_only)`: the regex and its group names. */
export function expandGrok(
  pattern: string,
  patterns: ReadonlyMap<string, string>,
  withAliasOnly: boolean,
): Expanded {
  let regex = '';
  const aliases = new Map<string, string>();
  const aliasCounts = new Map<string, number>();
  const stack: { components: Generator<Component>; overrides: Map<string, string> }[] = [
    { components: grokSplit(pattern), overrides: new Map() },
  ];
  let index = 0;
  for (;;) {
    const top = stack.pop();
    if (top === undefined) break;
    const next = top.components.next();
    if (next.done) {
      regex += ')';
    } else {
      stack.push(top);
      const component = next.value;
      if (component.type === 'error')
        throw new GrokError(
          `Something unexpected happened during the compilation phase: "${component.debug}"`,
        );
      if (component.type === 'regex') {
        regex += component.text;
      } else {
        const { name, alias, definition } = component;
        const current = stack[stack.length - 1] as (typeof stack)[number];
        let body: string;
        if (definition !== '') {
          current.overrides.set(name, definition);
          body = definition;
        } else {
          const found = current.overrides.get(name) ?? patterns.get(name);
          if (found === undefined)
            throw new GrokError(
              `The given pattern definition name "${name}" could not be found in the definition map`,
            );
          body = found;
        }
        stack.push({ components: grokSplit(body), overrides: new Map() });
        if (withAliasOnly && alias === '') {
          regex += '(?:';
        } else {
          const matchName = `_n_${index++}`;
          const original = alias === '' ? name : alias;
          const count = aliasCounts.get(original) ?? 0;
          const key = count === 0 ? original : `${original}[${count}]`;
          aliasCounts.set(original, count + 1);
          if (count + 1 > 1 && aliasCounts.has(key))
            throw new GrokError(
              `Something unexpected happened during the compilation phase: "Alias ${key} already exists"`,
            );
          aliases.set(matchName, key);
          regex += `(?<${matchName}>`;
        }
      }
    }
    if (stack.length > MAX_RECURSION)
      throw new GrokError(`Recursion while compiling reached the limit of ${MAX_RECURSION}`);
  }
  return { regex: regex.slice(0, -1), aliases };
}

/** A compiled grok pattern (`grok::Pattern`). */
export class GrokPattern {
  private constructor(
    private readonly regex: OnigRegex,
    /** Result keys, sorted, with the group each reads (the crate's `names` map). */
    private readonly fields: readonly [string, number][],
  ) {}

  /** Compiles a pattern against the default patterns (and `extra`, for `parse_groks`); throws {@link GrokError}. */
  static compile(pattern: string, extra?: ReadonlyMap<string, string>): GrokPattern {
    const patterns = extra === undefined ? DEFAULT_PATTERNS : new Map([...DEFAULT_PATTERNS, ...extra]);
    const { regex: text, aliases } = expandGrok(pattern, patterns, true);
    if (text === '')
      throw new GrokError(`The given pattern "${pattern}" ended up compiling into an empty regex`);
    let regex: OnigRegex;
    try {
      regex = OnigRegex.compile(text);
    } catch (error) {
      if (!(error instanceof OnigurumaError)) throw error;
      throw new GrokError(
        `The given regex "Regex compilation failed: ${error.debug()}:\n${text}" failed compilation in the underlying engine`,
      );
    }
    // A key read by several groups reads the one of the highest (first) index.
    const fields = new Map<string, number>();
    for (const [name, indexes] of regex.names) {
      const key = aliases.get(name) ?? name;
      const group = indexes[0] as number;
      if ((fields.get(key) ?? -1) < group) fields.set(key, group);
    }
    return new GrokPattern(
      regex,
      [...fields].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  }

  /** The keys and texts of the groups that took part in the first match; undefined when it does not match. */
  match(text: string): [string, string][] | undefined {
    const slots = this.regex.search(text);
    if (slots === undefined) return undefined;
    const matches: [string, string][] = [];
    for (const [key, group] of this.fields) {
      const start = slots[group * 2] as number;
      if (start >= 0) matches.push([key, text.slice(start, slots[group * 2 + 1])]);
    }
    return matches;
  }
}
