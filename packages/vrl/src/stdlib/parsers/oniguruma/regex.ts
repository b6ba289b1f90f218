import { CharacterSet } from './character-set.js';
import { Matcher } from './matcher.js';
import { type CompiledPattern, compileProgram } from './program.js';
import { type Node, parsePattern } from './syntax.js';

/**
 * An Oniguruma regex (the engine of the `grok` crate, hence of VRL's `parse_grok`), matched by a
 * memoizing backtracker that cannot hang: see `matcher.ts`. Compile errors are
 * {@link OnigurumaError}s with Oniguruma's codes and texts.
 */
export class OnigRegex {
  private readonly matcher: Matcher;

  private constructor(
    private readonly compiled: CompiledPattern,
    /** Group indexes by name, in the order the names first appear. */
    readonly names: ReadonlyMap<string, readonly number[]>,
    firstSet: CharacterSet | undefined,
  ) {
    this.matcher = new Matcher(compiled, firstSet);
  }

  static compile(pattern: string): OnigRegex {
    const parsed = parsePattern(pattern);
    const compiled = compileProgram(parsed.root, parsed.captureCount);
    const first = firstCharacters(parsed.root);
    return new OnigRegex(compiled, parsed.names, first.nullable ? undefined : first.set);
  }

  get captureCount(): number {
    return this.compiled.captureCount;
  }

  /** The first match: start and end of each group (-1 when it took no part), group 0 the whole match. */
  search(text: string): Int32Array | undefined {
    return this.matcher.search(text)
      ? this.matcher.slots.slice(0, (this.compiled.captureCount + 1) * 2)
      : undefined;
  }
}

interface First {
  /** The node can match without consuming a character (its first character may come after it). */
  nullable: boolean;
  set: CharacterSet;
}

const NOTHING = CharacterSet.of(() => false);

/** The characters a match can start with, to skip start positions that cannot begin one. */
function firstCharacters(node: Node): First {
  switch (node.type) {
    case 'empty':
    case 'assert':
    case 'look':
      return { nullable: true, set: NOTHING };
    case 'char': {
      const code = node.code;
      return { nullable: false, set: CharacterSet.of((other) => other === code) };
    }
    case 'set':
      return { nullable: false, set: node.set };
    case 'capture':
    case 'group':
    case 'atomic':
      return firstCharacters(node.body);
    case 'concat': {
      const sets: CharacterSet[] = [];
      for (const item of node.items) {
        const first = firstCharacters(item);
        sets.push(first.set);
        if (!first.nullable) return { nullable: false, set: CharacterSet.union(sets) };
      }
      return { nullable: true, set: CharacterSet.union(sets) };
    }
    case 'alternate': {
      const firsts = node.items.map(firstCharacters);
      return {
        nullable: firsts.some((first) => first.nullable),
        set: CharacterSet.union(firsts.map((first) => first.set)),
      };
    }
    case 'repeat': {
      const first = firstCharacters(node.body);
      return { nullable: first.nullable || node.min === 0, set: first.set };
    }
  }
}
