/**
 * Component types still accepted under an old name (`kind:type`), with what to write instead.
 * Core warns once per component that uses one, as for deprecated options.
 */
export const deprecatedComponentTypes: Readonly<Record<string, string>> = {
  'source:tcp': 'type = "socket" with mode = "tcp"',
  'source:http': 'type = "http_server" (the same options)',
  // Vector 0.22 removed these transforms and refuses them; Sluice still runs old configs.
  'transform:add_fields':
    'type = "remap" with `.name = "value"` (Vector removed add_fields in 0.22 and refuses it)',
  'transform:remove_fields':
    'type = "remap" with `del(.name)` (Vector removed remove_fields in 0.22 and refuses it)',
  'transform:json_parser':
    'type = "remap" with `. |= object!(parse_json!(.message))` (Vector removed json_parser in 0.22 and refuses it)',
};

/**
 * A sink's `encoding = "json"`: the string form of Vector before 0.22, which current Vector
 * refuses; what to write instead.
 */
export function deprecatedEncodingForm(encoding: unknown): string | undefined {
  return typeof encoding === 'string'
    ? `= "${encoding}" is the string form Vector 0.22+ refuses; use encoding.codec = "${encoding}"`
    : undefined;
}

export interface DeprecatedOptionsResult {
  moved: Array<{ oldPath: string; newPath: string }>;
  conflicts: Array<{ oldPath: string; newPath: string }>;
}

function lookup(
  options: Record<string, unknown>,
  path: string,
): { parent: Record<string, unknown>; key: string } | undefined {
  const parts = path.split('.');
  const key = parts.pop() as string;
  let parent: unknown = options;
  for (const part of parts) {
    if (parent === null || typeof parent !== 'object') return undefined;
    parent = (parent as Record<string, unknown>)[part];
  }
  if (parent === null || typeof parent !== 'object' || !(key in parent)) return undefined;
  return { parent: parent as Record<string, unknown>, key };
}

/**
 * Moves each old option name (a dotted path) to its new one, in place. Setting both is a conflict
 * (the old one is dropped, so it is not also reported as unknown); the caller reports conflicts and
 * warns once per moved option.
 */
export function applyDeprecatedOptions(
  options: Record<string, unknown>,
  aliases: Readonly<Record<string, string>>,
): DeprecatedOptionsResult {
  const result: DeprecatedOptionsResult = { moved: [], conflicts: [] };
  for (const [oldPath, newPath] of Object.entries(aliases)) {
    const old = lookup(options, oldPath);
    if (old === undefined) continue;
    if (lookup(options, newPath) !== undefined) {
      result.conflicts.push({ oldPath, newPath });
      delete old.parent[old.key];
      continue;
    }
    const value = old.parent[old.key];
    delete old.parent[old.key];
    const parts = newPath.split('.');
    const key = parts.pop() as string;
    let parent = options;
    for (const part of parts) {
      const next = parent[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) parent[part] = {};
      parent = parent[part] as Record<string, unknown>;
    }
    parent[key] = value;
    result.moved.push({ oldPath, newPath });
  }
  return result;
}
