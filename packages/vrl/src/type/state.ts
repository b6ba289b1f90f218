import { valuesEqual } from '../value/value.js';
import { Collection, Kind } from './kind.js';
import { type Details, mergeDetails, TypeDef } from './type-def.js';

/**
 * The variables the compiler knows at a point of the program, with their types. Immutable: a
 * change makes a new environment, so copying a state (which the checker does at every branch)
 * costs nothing.
 */
export class LocalEnv {
  constructor(private readonly bindings: ReadonlyMap<string, Details> = new Map()) {}

  variable(name: string): Details | undefined {
    return this.bindings.get(name);
  }

  names(): string[] {
    return [...this.bindings.keys()];
  }

  with(name: string, details: Details): LocalEnv {
    const bindings = new Map(this.bindings);
    bindings.set(name, details);
    return new LocalEnv(bindings);
  }

  without(name: string): LocalEnv {
    if (!this.bindings.has(name)) return this;
    const bindings = new Map(this.bindings);
    bindings.delete(name);
    return new LocalEnv(bindings);
  }

  /** After a block: the parent's variables take the child's types; the child's new ones go. */
  applyChildScope(child: LocalEnv): LocalEnv {
    let changed = false;
    const bindings = new Map(this.bindings);
    for (const [name, details] of child.bindings) {
      if (bindings.has(name) && bindings.get(name) !== details) {
        bindings.set(name, details);
        changed = true;
      }
    }
    return changed ? new LocalEnv(bindings) : this;
  }

  /** After branches: each variable's types of both sides. */
  merge(other: LocalEnv): LocalEnv {
    if (other === this) return this;
    const bindings = new Map(this.bindings);
    for (const [name, details] of other.bindings) {
      const existing = bindings.get(name);
      bindings.set(name, existing === undefined ? details : mergeDetails(existing, details, valuesEqual));
    }
    return new LocalEnv(bindings);
  }
}

/** The types of the event (the target, `.`) and its metadata (`%`). Immutable. */
export class ExternalEnv {
  constructor(
    readonly target: Details,
    readonly metadata: Kind,
  ) {}

  /** An event that is any object, with any metadata: what a program starts from. */
  static anyObject(): ExternalEnv {
    return ExternalEnv.withKinds(Kind.object(Collection.any()), Kind.object(Collection.any()));
  }

  static withKinds(target: Kind, metadata: Kind): ExternalEnv {
    return new ExternalEnv({ typeDef: TypeDef.of(target), value: undefined }, metadata);
  }

  targetKind(): Kind {
    return this.target.typeDef.kind;
  }

  kind(prefix: 'event' | 'metadata'): Kind {
    return prefix === 'event' ? this.targetKind() : this.metadata;
  }

  withTarget(target: Details): ExternalEnv {
    return new ExternalEnv(target, this.metadata);
  }

  withMetadata(metadata: Kind): ExternalEnv {
    return new ExternalEnv(this.target, metadata);
  }

  merge(other: ExternalEnv): ExternalEnv {
    if (other === this) return this;
    return new ExternalEnv(
      mergeDetails(this.target, other.target, valuesEqual),
      this.metadata.union(other.metadata),
    );
  }
}

/**
 * The compiler's knowledge at a point of the program (VRL's `TypeState`): a holder of the two
 * immutable environments; `clone()` is two pointer copies.
 */
export class TypeState {
  constructor(
    public local: LocalEnv = new LocalEnv(),
    public external: ExternalEnv = ExternalEnv.anyObject(),
  ) {}

  clone(): TypeState {
    return new TypeState(this.local, this.external);
  }

  /** Takes another state's environments (VRL's `*state = other`). */
  assign(other: TypeState): void {
    this.local = other.local;
    this.external = other.external;
  }

  merge(other: TypeState): TypeState {
    return new TypeState(this.local.merge(other.local), this.external.merge(other.external));
  }
}

/** The state after an expression and the expression's type. */
export interface TypeInfo {
  state: TypeState;
  result: TypeDef;
}
