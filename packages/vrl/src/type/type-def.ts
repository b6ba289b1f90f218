import type { Value } from '../value/value.js';
import { Collection, Kind, type Segment } from './kind.js';

export type Fallibility = 'cannot-fail' | 'might-fail' | 'always-fails';

function mergeFallibility(left: Fallibility, right: Fallibility): Fallibility {
  if (left === 'always-fails' || right === 'always-fails') return 'always-fails';
  if (left === 'might-fail' || right === 'might-fail') return 'might-fail';
  return 'cannot-fail';
}

/**
 * What the compiler knows of an expression (VRL's `TypeDef`): the kind of its value, whether it
 * can fail at runtime, whether it is pure, and the kind of what a `return` inside it returns.
 * Immutable: every method returns a new definition.
 */
export class TypeDef {
  private constructor(
    readonly kind: Kind,
    readonly fallibility: Fallibility,
    readonly pure: boolean,
    readonly returns: Kind,
  ) {}

  static of(kind: Kind): TypeDef {
    return new TypeDef(kind, 'cannot-fail', true, Kind.never());
  }

  static any(): TypeDef {
    return TypeDef.of(Kind.any());
  }
  static bytes(): TypeDef {
    return TypeDef.of(Kind.bytes());
  }
  static integer(): TypeDef {
    return TypeDef.of(Kind.integer());
  }
  static float(): TypeDef {
    return TypeDef.of(Kind.float());
  }
  static boolean(): TypeDef {
    return TypeDef.of(Kind.boolean());
  }
  static timestamp(): TypeDef {
    return TypeDef.of(Kind.timestamp());
  }
  static regex(): TypeDef {
    return TypeDef.of(Kind.regex());
  }
  static null(): TypeDef {
    return TypeDef.of(Kind.null());
  }
  static undefined(): TypeDef {
    return TypeDef.of(Kind.undefined());
  }
  static never(): TypeDef {
    return TypeDef.of(Kind.never());
  }
  static array(collection: Collection<number> = Collection.any()): TypeDef {
    return TypeDef.of(Kind.array(collection));
  }
  static object(collection: Collection<string> = Collection.any()): TypeDef {
    return TypeDef.of(Kind.object(collection));
  }

  private with(changes: Partial<Pick<TypeDef, 'kind' | 'fallibility' | 'pure' | 'returns'>>): TypeDef {
    return new TypeDef(
      changes.kind ?? this.kind,
      changes.fallibility ?? this.fallibility,
      changes.pure ?? this.pure,
      changes.returns ?? this.returns,
    );
  }

  withKind(kind: Kind): TypeDef {
    return this.with({ kind });
  }
  withReturns(returns: Kind): TypeDef {
    return this.with({ returns });
  }
  fallible(): TypeDef {
    return this.with({ fallibility: 'might-fail' });
  }
  infallible(): TypeDef {
    return this.with({ fallibility: 'cannot-fail' });
  }
  alwaysFails(): TypeDef {
    return this.with({ fallibility: 'always-fails' });
  }
  maybeFallible(mightFail: boolean): TypeDef {
    return this.with({ fallibility: mightFail ? 'might-fail' : 'cannot-fail' });
  }
  impure(): TypeDef {
    return this.with({ pure: false });
  }
  asPure(): TypeDef {
    return this.with({ pure: true });
  }

  isFallible(): boolean {
    return this.fallibility !== 'cannot-fail';
  }
  isInfallible(): boolean {
    return !this.isFallible();
  }

  orBytes(): TypeDef {
    return this.withKind(this.kind.orBytes());
  }
  orInteger(): TypeDef {
    return this.withKind(this.kind.orInteger());
  }
  orFloat(): TypeDef {
    return this.withKind(this.kind.orFloat());
  }
  orBoolean(): TypeDef {
    return this.withKind(this.kind.orBoolean());
  }
  orTimestamp(): TypeDef {
    return this.withKind(this.kind.orTimestamp());
  }
  orRegex(): TypeDef {
    return this.withKind(this.kind.orRegex());
  }
  orNull(): TypeDef {
    return this.withKind(this.kind.orNull());
  }
  orUndefined(): TypeDef {
    return this.withKind(this.kind.orUndefined());
  }
  orArray(collection: Collection<number> = Collection.any()): TypeDef {
    return this.withKind(this.kind.orArray(collection));
  }
  orObject(collection: Collection<string> = Collection.any()): TypeDef {
    return this.withKind(this.kind.orObject(collection));
  }

  /** Only the array part (`any` array when it has none). */
  restrictArray(): TypeDef {
    return this.withKind(Kind.array(this.kind.array?.clone() ?? Collection.any()));
  }
  /** Only the object part (`any` object when it has none). */
  restrictObject(): TypeDef {
    return this.withKind(Kind.object(this.kind.object?.clone() ?? Collection.any()));
  }

  upgradeUndefined(): TypeDef {
    return this.withKind(this.kind.upgradeUndefined());
  }

  atPath(path: readonly Segment[]): TypeDef {
    return this.withKind(this.kind.atPath(path));
  }

  /** Fallible unless the kind is within `kind`. */
  fallibleUnless(kind: Kind): TypeDef {
    return kind.isSuperset(this.kind) === undefined ? this : this.fallible();
  }

  /** Collects the known fields/indices into the unknown kind. */
  collectSubtypes(): TypeDef {
    const kind = this.kind.clone();
    if (kind.object !== undefined) {
      kind.object.setUnknown(Kind.undefined());
      kind.object.anonymize();
    }
    if (kind.array !== undefined) {
      kind.array.setUnknown(Kind.undefined());
      kind.array.anonymize();
    }
    return this.withKind(kind);
  }

  union(other: TypeDef): TypeDef {
    return new TypeDef(
      this.kind.union(other.kind),
      mergeFallibility(this.fallibility, other.fallibility),
      this.pure && other.pure,
      this.returns.union(other.returns),
    );
  }

  /** Merges with `other`'s fields overwriting this one's (the `|` operator's type). */
  mergeOverwrite(other: TypeDef): TypeDef {
    const kind = this.kind.clone();
    kind.mergeKeep(other.kind, true);
    return new TypeDef(
      kind,
      mergeFallibility(this.fallibility, other.fallibility),
      this.pure && other.pure,
      this.returns.union(other.returns),
    );
  }

  withTypeInserted(path: readonly Segment[], other: TypeDef): TypeDef {
    const kind = this.kind.clone();
    kind.insert(path, other.kind);
    return new TypeDef(
      kind,
      mergeFallibility(this.fallibility, other.fallibility),
      this.pure && other.pure,
      this.returns,
    );
  }

  // Shorthands for kind predicates.
  isBytes(): boolean {
    return this.kind.isBytes();
  }
  isInteger(): boolean {
    return this.kind.isInteger();
  }
  isFloat(): boolean {
    return this.kind.isFloat();
  }
  isBoolean(): boolean {
    return this.kind.isBoolean();
  }
  isTimestamp(): boolean {
    return this.kind.isTimestamp();
  }
  isNull(): boolean {
    return this.kind.isNull();
  }
  isArray(): boolean {
    return this.kind.isArray();
  }
  isObject(): boolean {
    return this.kind.isObject();
  }
  isNever(): boolean {
    return this.kind.isNever();
  }
}

/** A variable's (or the event's) type, and its value when the compiler knows it. */
export interface Details {
  typeDef: TypeDef;
  value: Value | undefined;
}

export function mergeDetails(left: Details, right: Details, equal: (a: Value, b: Value) => boolean): Details {
  return {
    typeDef: left.typeDef.union(right.typeDef),
    value:
      left.value !== undefined && right.value !== undefined && equal(left.value, right.value)
        ? left.value
        : undefined,
  };
}
