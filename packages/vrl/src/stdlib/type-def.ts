import { defineFunction, kind, required } from '../function.js';
import { type Collection, displayField, type Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import type { ObjectValue } from '../value/value.js';

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
