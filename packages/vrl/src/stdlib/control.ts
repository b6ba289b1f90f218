import { defineFunction, kind, optional, required } from '../function.js';
import { RuntimeError } from '../runtime/errors.js';
import { type Collection, displayField, type Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { displayValue } from '../value/display.js';
import { type ObjectValue, type Value, valuesEqual } from '../value/value.js';

/** `assert`, `assert_eq`, `log` and `type_def`. */

/** `assert(condition, message)`: true, or the program fails with `message` ("assertion failed"). */
export const assert = defineFunction({
  name: 'assert',
  parameters: [required('condition', kind.BOOLEAN), optional('message', kind.BYTES)],
  returns: TypeDef.boolean().fallible().impure(),
  call: ([condition, message]) => {
    if (condition === true) return true;
    throw new RuntimeError(message === undefined ? 'assertion failed' : (message as string));
  },
});

/** `assert_eq(left, right, message)`: true, or the program fails ("assertion failed: left == right"). */
export const assertEq = defineFunction({
  name: 'assert_eq',
  parameters: [required('left', kind.ANY), required('right', kind.ANY), optional('message', kind.BYTES)],
  returns: TypeDef.boolean().fallible().impure(),
  call: ([left, right, message]) => {
    if (valuesEqual(left, right)) return true;
    if (message !== undefined) throw new RuntimeError(message as string);
    throw new RuntimeError(`assertion failed: ${displayValue(left)} == ${displayValue(right)}`);
  },
});

const LOG_LEVELS: readonly Value[] = ['trace', 'debug', 'info', 'warn', 'error'];

/**
 * `log(value, level: "info", rate_limit_secs: 1)`: logs the value. Where the line goes is the
 * host's business: the context's `log` hook (none by default).
 */
export const log = defineFunction({
  name: 'log',
  parameters: [
    required('value', kind.ANY),
    optional('level', kind.BYTES, 'info'),
    optional('rate_limit_secs', kind.INTEGER, 1),
  ],
  returns: TypeDef.null().impure(),
  check: (call) => {
    call.enumValue('level', LOG_LEVELS);
  },
  call: ([value, level], context) => {
    context.log?.(level as string, typeof value === 'string' ? value : displayValue(value));
    return null;
  },
});

/** `type_def(value)`: the compile-time type of the argument, as VRL's debug tree. */
export const typeDefinition = defineFunction({
  name: 'type_def',
  parameters: [required('value', kind.ANY)],
  compile(call) {
    const typeDef = call.required('value').typeDef;
    const tree = debugInfo(typeDef.kind.canonicalize(), true);
    if (typeDef.isFallible()) tree.fallible = true;
    return { run: () => structuredClone(tree), typeDef: TypeDef.any(), freshResult: true };
  },
});

/** VRL's `Kind::debug_info`. */
function debugInfo(kind: Kind, showUnknown: boolean): ObjectValue {
  const tree: ObjectValue = {};
  if (kind.isNever()) {
    tree.never = true;
    return tree;
  }
  if (kind.isAny()) {
    tree.any = true;
    return tree;
  }
  if (kind.isJson()) {
    tree.json = true;
    return tree;
  }
  const flags: [string, boolean][] = [
    ['bytes', kind.containsBytes()],
    ['integer', kind.containsInteger()],
    ['float', kind.containsFloat()],
    ['boolean', kind.containsBoolean()],
    ['timestamp', kind.containsTimestamp()],
    ['regex', kind.containsRegex()],
    ['null', kind.containsNull()],
    ['undefined', kind.containsUndefined()],
  ];
  for (const [name, present] of flags) if (present) tree[name] = true;
  const collections: [string, Collection<string> | Collection<number> | undefined][] = [
    ['object', kind.object],
    ['array', kind.array],
  ];
  for (const [name, collection] of collections) {
    if (collection === undefined) continue;
    const known: ObjectValue = {};
    for (const [key, child] of collection.sortedKnown()) {
      known[typeof key === 'string' ? displayField(key) : String(key)] = debugInfo(child, showUnknown);
    }
    tree[name] = known;
    if (!showUnknown) continue;
    const unknown = collection.unknownKind();
    if (unknown.isUndefined()) continue;
    const suffix = unknown.isExact() ? 'unknown_exact' : 'unknown_infinite';
    tree[`${name}_${suffix}`] = debugInfo(unknown, collection.isUnknownExact());
  }
  return tree;
}

