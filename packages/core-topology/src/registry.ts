import {
  type BufferDefinition,
  type ComponentDefinition,
  ErrorCode,
  SluiceError,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { didYouMean } from './config/suggest.js';
import { isVectorComponentType } from './config/vector-reference.js';

export type AnyDefinition = ComponentDefinition | BufferDefinition;
export type DefinitionKind = AnyDefinition['kind'];

/** Loads a module whose default export is a list of definitions (a component package). */
export type DefinitionLoader = () => Promise<unknown>;

const SUPPORTED_SPECIFICATION_VERSIONS: ReadonlySet<number> = new Set([SPECIFICATION_VERSION]);
const KINDS: ReadonlySet<string> = new Set(['source', 'transform', 'sink', 'buffer']);

interface Registered {
  definition: AnyDefinition;
  origin: string;
}

type DefinitionOf<Kind extends DefinitionKind> = Extract<AnyDefinition, { kind: Kind }>;

/**
 * Every component type Sluice can build. Built-ins are registered as `type → lazy import` so a
 * package is loaded only when a config uses it; plugins are registered by package name. A duplicate
 * type, an unknown `specificationVersion` or a malformed definition is refused with a clear message.
 */
export class ComponentRegistry {
  readonly #registered = new Map<string, Registered>();
  readonly #lazy = new Map<string, { loader: DefinitionLoader; origin: string }>();

  /** Registers a built-in type whose package is imported on first use. */
  registerLazy(kind: DefinitionKind, type: string, loader: DefinitionLoader, origin = 'built-in'): void {
    const key = keyOf(kind, type);
    if (this.#registered.has(key) || this.#lazy.has(key)) throw duplicateType(kind, type, origin);
    this.#lazy.set(key, { loader, origin });
  }

  /** Registers the definitions a package exports (its default export, a list). */
  register(definitions: unknown, origin: string): void {
    const list = definitionList(definitions, origin);
    for (const definition of list) {
      const key = keyOf(definition.kind, definition.type);
      const existing = this.#registered.get(key);
      if (existing?.definition === definition) continue;
      if (existing !== undefined || this.#lazy.has(key)) {
        const lazy = this.#lazy.get(key);
        // A lazy built-in registering its own package is the expected path, not a duplicate.
        if (lazy === undefined || lazy.origin !== origin || existing !== undefined) {
          throw duplicateType(definition.kind, definition.type, origin, existing?.origin ?? lazy?.origin);
        }
      }
      this.#registered.set(key, { definition, origin });
    }
  }

  /** Imports a third-party package by name and registers what it exports. */
  async loadPlugin(
    packageName: string,
    importer: (name: string) => Promise<unknown> = (name) => import(name),
  ): Promise<void> {
    let module: unknown;
    try {
      module = await importer(packageName);
    } catch (error) {
      throw new SluiceError(
        ErrorCode.pluginLoad,
        `plugin "${packageName}" could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.register(defaultExport(module), packageName);
  }

  /** The definition of `kind`/`type`, importing its package if needed. Unknown types list the known ones. */
  async resolve<Kind extends DefinitionKind>(kind: Kind, type: string): Promise<DefinitionOf<Kind>> {
    const key = keyOf(kind, type);
    const lazy = this.#lazy.get(key);
    if (!this.#registered.has(key) && lazy !== undefined) {
      this.register(defaultExport(await lazy.loader()), lazy.origin);
    }
    const registered = this.#registered.get(key);
    if (registered === undefined)
      throw new SluiceError(ErrorCode.unknownComponentType, this.unknownTypeMessage(kind, type));
    return registered.definition as DefinitionOf<Kind>;
  }

  /** The registered type names of a kind, sorted. */
  knownTypes(kind: DefinitionKind): string[] {
    const types = new Set<string>();
    for (const key of [...this.#registered.keys(), ...this.#lazy.keys()]) {
      const [keyKind, type] = splitKey(key);
      if (keyKind === kind) types.add(type);
    }
    return [...types].sort();
  }

  /**
   * `unknown sink type "aws_kinesis_stream"; did you mean "aws_kinesis_streams"? (known …)`, or for a
   * type Vector has: `"remap" is a Vector transform that Sluice does not implement yet (known …)`.
   */
  unknownTypeMessage(kind: DefinitionKind, type: string): string {
    const known = this.knownTypes(kind);
    const list = `(known ${kind} types: ${known.join(', ') || 'none'})`;
    if (isVectorComponentType(kind, type))
      return `"${type}" is a Vector ${kind} that Sluice does not implement yet ${list}`;
    return `unknown ${kind} type "${type}"${didYouMean(type, known)} ${list}`;
  }

  /** Loads every lazy package and returns all definitions (for `sluice schema`, `list`, the docs). */
  async loadAll(): Promise<AnyDefinition[]> {
    for (const key of this.#lazy.keys()) {
      const [kind, type] = splitKey(key);
      await this.resolve(kind, type);
    }
    return [...this.#registered.values()]
      .map((registered) => registered.definition)
      .sort((first, second) => keyOf(first.kind, first.type).localeCompare(keyOf(second.kind, second.type)));
  }
}

function keyOf(kind: string, type: string): string {
  return `${kind}:${type}`;
}

function splitKey(key: string): [DefinitionKind, string] {
  const index = key.indexOf(':');
  return [key.slice(0, index) as DefinitionKind, key.slice(index + 1)];
}

function duplicateType(kind: string, type: string, origin: string, previous?: string): SluiceError {
  const where = previous === undefined ? '' : ` (already registered by ${previous})`;
  return new SluiceError(
    ErrorCode.duplicateComponentType,
    `${origin}: ${kind} type "${type}" is registered twice${where}`,
  );
}

function defaultExport(module: unknown): unknown {
  if (typeof module === 'object' && module !== null && 'default' in module) return module.default;
  return module;
}

function definitionList(definitions: unknown, origin: string): AnyDefinition[] {
  if (!Array.isArray(definitions)) {
    throw new SluiceError(
      ErrorCode.pluginIncompatible,
      `${origin}: a component package must default-export a list of definitions`,
    );
  }
  return definitions.map((definition, index) => checkDefinition(definition, `${origin}[${index}]`));
}

function checkDefinition(candidate: unknown, where: string): AnyDefinition {
  if (typeof candidate !== 'object' || candidate === null) {
    throw new SluiceError(ErrorCode.pluginIncompatible, `${where}: a definition must be an object`);
  }
  const definition = candidate as Partial<AnyDefinition>;
  const name = typeof definition.type === 'string' ? `"${definition.type}"` : where;
  if (typeof definition.specificationVersion !== 'number') {
    throw new SluiceError(ErrorCode.pluginIncompatible, `${where}: ${name} has no specificationVersion`);
  }
  if (!SUPPORTED_SPECIFICATION_VERSIONS.has(definition.specificationVersion)) {
    throw new SluiceError(
      ErrorCode.pluginIncompatible,
      `${where}: ${name} declares specificationVersion ${definition.specificationVersion}, but this Sluice ` +
        `supports ${[...SUPPORTED_SPECIFICATION_VERSIONS].join(', ')}; the plugin needs a Sluice built on ` +
        `@sluice/component-api with specification version ${definition.specificationVersion}`,
    );
  }
  if (typeof definition.kind !== 'string' || !KINDS.has(definition.kind)) {
    throw new SluiceError(
      ErrorCode.pluginIncompatible,
      `${where}: ${name} has an unknown kind "${String(definition.kind)}"`,
    );
  }
  if (typeof definition.type !== 'string' || definition.type === '') {
    throw new SluiceError(ErrorCode.pluginIncompatible, `${where}: a definition needs a non-empty type`);
  }
  if (typeof definition.create !== 'function' || typeof definition.optionsSchema !== 'object') {
    throw new SluiceError(ErrorCode.pluginIncompatible, `${where}: ${name} needs create() and optionsSchema`);
  }
  return definition as AnyDefinition;
}
