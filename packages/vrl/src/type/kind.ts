import { PersistentMap } from './persistent-map.js';

/**
 * VRL's type lattice (`vrl::value::Kind`), ported closely so that the checks built on it (which
 * argument may not match, which field exists, what a diagnostic prints) give VRL's answers.
 * A kind is a set of primitive kinds plus, for arrays and objects, a collection type: the kinds
 * of the known indices/fields and the kind of every other one ("unknown"). Kinds are mutable
 * like the Rust ones; `clone()` before changing a shared one.
 */

/** A path segment: a field name or an array index (negative counts from the end). */
export type Segment = { field: string } | { index: number };

export type EmptyState = 'always' | 'maybe' | 'never';

const PRIMITIVES = ['bytes', 'integer', 'float', 'boolean', 'timestamp', 'regex', 'null'] as const;
type Primitive = (typeof PRIMITIVES)[number];

/** A recursive "any of these, at any depth" unknown (VRL's `Infinite`). */
interface Infinite {
  bytes: boolean;
  integer: boolean;
  float: boolean;
  boolean: boolean;
  timestamp: boolean;
  regex: boolean;
  null: boolean;
  array: boolean;
  object: boolean;
}

const INFINITE_ANY: Infinite = {
  bytes: true,
  integer: true,
  float: true,
  boolean: true,
  timestamp: true,
  regex: true,
  null: true,
  array: true,
  object: true,
};
const INFINITE_JSON: Infinite = { ...INFINITE_ANY, timestamp: false, regex: false };

function infiniteIsAny(infinite: Infinite): boolean {
  return Object.values(infinite).every(Boolean);
}
/** The kind of the fields/indices a collection does not list (VRL's `Unknown`). */
export class Unknown {
  private constructor(
    private readonly exact: Kind | undefined,
    private readonly infinite: Infinite | undefined,
  ) {}

  static any(): Unknown {
    return new Unknown(undefined, INFINITE_ANY);
  }

  static json(): Unknown {
    return new Unknown(undefined, INFINITE_JSON);
  }

  static infinite(infinite: Infinite): Unknown {
    return new Unknown(undefined, infinite);
  }

  static from(kind: Kind): Unknown {
    if (kind.isAny()) return Unknown.any();
    if (kind.isJson()) return Unknown.json();
    return new Unknown(kind.clone(), undefined);
  }

  isExact(): boolean {
    return this.exact !== undefined;
  }

  isAny(): boolean {
    return this.infinite !== undefined && infiniteIsAny(this.infinite);
  }

  canonicalize(): Unknown {
    return Unknown.from(this.toKind().orUndefined());
  }

  toKind(): Kind {
    return this.toExistingKind().orUndefined();
  }

  toExistingKind(): Kind {
    const kind = this.infinite !== undefined ? kindFromInfinite(this.infinite) : (this.exact as Kind).clone();
    kind.undefined = false;
    return kind;
  }

  isSuperset(other: Unknown): Segment[] | undefined {
    if (this.infinite !== undefined && infiniteIsAny(this.infinite)) return undefined;
    if (this.infinite !== undefined && other.exact !== undefined)
      return kindFromInfinite(this.infinite).isSuperset(other.exact);
    if (this.exact !== undefined && other.exact !== undefined)
      return this.exact.withoutUndefined().isSuperset(other.exact.withoutUndefined());
    if (this.exact !== undefined) return this.exact.isAny() ? undefined : [];
    const left = this.infinite as Infinite;
    const right = other.infinite as Infinite;
    for (const key of Object.keys(left) as (keyof Infinite)[]) if (!left[key] && right[key]) return [];
    return undefined;
  }

  merged(other: Unknown, overwrite: boolean): Unknown {
    if (this.exact !== undefined && other.exact !== undefined) {
      const kind = this.exact.clone();
      kind.mergeKeep(other.exact, overwrite);
      return new Unknown(kind, undefined);
    }
    if (this.infinite !== undefined && other.infinite !== undefined) {
      const merged = { ...this.infinite };
      for (const key of Object.keys(merged) as (keyof Infinite)[]) merged[key] ||= other.infinite[key];
      return new Unknown(undefined, merged);
    }
    if (other.infinite !== undefined) return other;
    return this;
  }

  equals(other: Unknown): boolean {
    if (this.exact !== undefined && other.exact !== undefined) return this.exact.equals(other.exact);
    if (this.infinite !== undefined && other.infinite !== undefined)
      return (Object.keys(this.infinite) as (keyof Infinite)[]).every(
        (key) => (this.infinite as Infinite)[key] === (other.infinite as Infinite)[key],
      );
    return false;
  }
}

function kindFromInfinite(infinite: Infinite): Kind {
  const kind = Kind.never();
  for (const primitive of PRIMITIVES) if (infinite[primitive]) kind[primitive] = true;
  if (infinite.array) kind.array = Collection.fromInfinite(infinite);
  if (infinite.object) kind.object = Collection.fromInfinite(infinite);
  return kind;
}

type Key = string | number;

/**
 * The type of an array (keys are indices) or object (keys are field names). Copies share their
 * map of known entries until one of them changes it (copy on write), and the entries' kinds are
 * never changed in place (a change replaces the entry), so copying a kind costs nothing however
 * many fields it lists: a program of 60,000 assignments type-checks in linear-ish time.
 */
export class Collection<K extends Key = Key> {
  private map: PersistentMap<K, Kind>;

  constructor(
    known: ReadonlyMap<K, Kind> | PersistentMap<K, Kind>,
    public unknown: Unknown,
  ) {
    this.map = known instanceof PersistentMap ? known : PersistentMap.from(known);
  }

  static fromParts<K extends Key>(known: Map<K, Kind>, unknown: Kind): Collection<K> {
    return new Collection(known, Unknown.from(unknown));
  }

  static fromUnknown<K extends Key>(unknown: Kind): Collection<K> {
    return new Collection(PersistentMap.empty<K, Kind>(), Unknown.from(unknown));
  }

  /** No field known, no other field possible: `{}` / `[]`. */
  static empty<K extends Key>(): Collection<K> {
    return new Collection(PersistentMap.empty<K, Kind>(), Unknown.from(Kind.undefined()));
  }

  static any<K extends Key>(): Collection<K> {
    return new Collection(PersistentMap.empty<K, Kind>(), Unknown.any());
  }

  static json<K extends Key>(): Collection<K> {
    return new Collection(PersistentMap.empty<K, Kind>(), Unknown.json());
  }

  /** Exactly the listed fields: `{ a: string }`. */
  static known<K extends Key>(known: Iterable<readonly [K, Kind]>): Collection<K> {
    return new Collection(PersistentMap.from(known), Unknown.from(Kind.undefined()));
  }

  static fromInfinite<K extends Key>(infinite: Infinite): Collection<K> {
    return new Collection(PersistentMap.empty<K, Kind>(), Unknown.infinite(infinite));
  }

  /** The known entries (read-only: change them with `set` and `delete`). */
  get known(): PersistentMap<K, Kind> {
    return this.map;
  }

  /** Replaces (or adds) a known entry. The kind is held as is: do not change it afterwards. */
  set(key: K, kind: Kind): void {
    this.map = this.map.set(key, kind);
  }

  delete(key: K): void {
    this.map = this.map.delete(key);
  }

  clear(): void {
    this.map = PersistentMap.empty();
  }

  /** A copy: the known entries are shared (the map is persistent, the kinds never changed in place). */
  clone(): Collection<K> {
    return new Collection(this.map, this.unknown);
  }

  canonicalize(): Collection<K> {
    const output = this.clone();
    output.unknown = this.unknown.canonicalize();
    const unknownKind = this.unknownKind();
    for (const [key, kind] of [...output.known]) if (kind.equals(unknownKind)) output.delete(key);
    return output;
  }

  isAny(): boolean {
    for (const kind of this.known.values()) if (!kind.isAny()) return false;
    return this.unknownKind().isAny();
  }

  unknownKind(): Kind {
    return this.unknown.toKind();
  }

  isUnknownExact(): boolean {
    return this.unknown.isExact();
  }

  isEmpty(): EmptyState {
    if (this.known.size === 0) return this.unknownKind().containsAnyDefined() ? 'maybe' : 'always';
    return 'never';
  }

  setUnknown(unknown: Kind): void {
    this.unknown = Unknown.from(unknown);
  }

  withUnknown(unknown: Kind): Collection<K> {
    this.setUnknown(unknown);
    return this;
  }

  withKnown(key: K, kind: Kind): Collection<K> {
    this.set(key, kind);
    return this;
  }

  /** Folds the known entries into the unknown kind. */
  anonymize(): void {
    let knownUnknown: Kind | undefined;
    for (const kind of this.known.values()) {
      if (knownUnknown === undefined) knownUnknown = kind.clone();
      else knownUnknown.mergeKeep(kind, false);
    }
    this.clear();
    this.unknown = Unknown.from(this.unknown.toKind().union(knownUnknown ?? Kind.never()));
  }

  merge(other: Collection<K>, overwrite: boolean): void {
    const otherKnown = new Map(other.known);
    const otherUnknownKind = other.unknownKind();
    for (const [key, selfKind] of [...this.known]) {
      const otherKind = otherKnown.get(key);
      if (otherKind !== undefined) {
        otherKnown.delete(key);
        if (overwrite) {
          this.set(key, otherKind);
        } else {
          const merged = selfKind.clone();
          merged.mergeKeep(otherKind, overwrite);
          this.set(key, merged);
        }
      } else if (otherUnknownKind.containsAnyDefined()) {
        if (overwrite) {
          this.set(key, otherUnknownKind.withoutUndefined().union(selfKind));
        } else {
          const merged = selfKind.clone();
          merged.mergeKeep(otherUnknownKind, overwrite);
          this.set(key, merged);
        }
      } else if (!overwrite) {
        this.set(key, selfKind.orUndefined());
      }
    }
    const selfUnknownKind = this.unknownKind();
    if (selfUnknownKind.containsAnyDefined()) {
      for (const [key, kind] of otherKnown) {
        if (overwrite) {
          this.set(key, kind);
        } else {
          const merged = kind.clone();
          merged.mergeKeep(selfUnknownKind, overwrite);
          this.set(key, merged);
        }
      }
    } else if (overwrite) {
      for (const [key, kind] of otherKnown) this.set(key, kind);
    } else {
      for (const [key, kind] of otherKnown) this.set(key, kind.orUndefined());
    }
    this.unknown = this.unknown.merged(other.unknown, overwrite);
  }

  /** The union of every value kind in the collection (without `undefined`). */
  reducedKind(): Kind {
    let kind = Kind.never();
    for (const known of this.known.values()) kind = kind.union(known);
    return kind.union(this.unknownKind().withoutUndefined());
  }

  isSuperset(other: Collection<K>): Segment[] | undefined {
    const unknownPath = this.unknown.isSuperset(other.unknown);
    if (unknownPath !== undefined) return [{ field: '<unknown>' }, ...unknownPath];
    for (const [key, otherKind] of other.known) {
      const selfKind = this.known.get(key) ?? this.unknownKind();
      const path = selfKind.isSuperset(otherKind);
      if (path !== undefined) return [segmentOf(key), ...path];
    }
    const otherUnknown = other.unknownKind();
    for (const [key, selfKind] of this.known) {
      if (!other.known.has(key)) {
        const path = selfKind.isSuperset(otherUnknown);
        if (path !== undefined) return [segmentOf(key), ...path];
      }
    }
    return undefined;
  }

  equals(other: Collection<K>): boolean {
    if (this.known.size !== other.known.size || !this.unknown.equals(other.unknown)) return false;
    for (const [key, kind] of this.known) {
      const otherKind = other.known.get(key);
      if (otherKind === undefined || !kind.equals(otherKind)) return false;
    }
    return true;
  }

  // Index collections (arrays).

  largestKnownIndex(): number | undefined {
    let largest: number | undefined;
    for (const [index, kind] of this.known)
      if (kind.containsAnyDefined() && (largest === undefined || (index as number) > largest))
        largest = index as number;
    return largest;
  }

  minLength(): number {
    const largest = this.largestKnownIndex();
    return largest === undefined ? 0 : largest + 1;
  }

  getPositiveIndex(index: number): number | undefined {
    if (this.unknownKind().containsAnyDefined()) return undefined;
    const largest = this.largestKnownIndex();
    if (largest !== undefined && largest >= -index - 1) return largest + 1 + index;
    return undefined;
  }

  /** Removes a known entry; for arrays, later indices shift down. */
  removeKnown(key: K): void {
    if (typeof key === 'string') {
      this.delete(key);
      return;
    }
    const minLength = this.minLength();
    const index = key as number;
    this.delete(index as K);
    for (let position = index; position < minLength; position++) {
      const value = this.known.get((position + 1) as K);
      if (value !== undefined) {
        this.delete((position + 1) as K);
        this.set(position as K, value);
      }
    }
  }

  /** Known entries in VRL's order (field names by bytes, indices ascending). */
  sortedKnown(): [K, Kind][] {
    return [...this.known].sort(([a], [b]) =>
      typeof a === 'number' ? (a as number) - (b as number) : compareKeys(a as string, b as string),
    );
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function segmentOf(key: Key): Segment {
  return typeof key === 'number' ? { index: key } : { field: key };
}

export class Kind {
  bytes = false;
  integer = false;
  float = false;
  boolean = false;
  timestamp = false;
  regex = false;
  null = false;
  undefined = false;
  array: Collection<number> | undefined = undefined;
  object: Collection<string> | undefined = undefined;

  static never(): Kind {
    return new Kind();
  }

  static any(): Kind {
    const kind = new Kind();
    for (const primitive of PRIMITIVES) kind[primitive] = true;
    kind.undefined = true;
    kind.array = Collection.any();
    kind.object = Collection.any();
    return kind;
  }

  static json(): Kind {
    const kind = new Kind();
    kind.bytes = kind.integer = kind.float = kind.boolean = kind.null = true;
    kind.array = Collection.json();
    kind.object = Collection.json();
    return kind;
  }

  static primitive(name: Primitive | 'undefined'): Kind {
    const kind = new Kind();
    kind[name] = true;
    return kind;
  }

  static bytes(): Kind {
    return Kind.primitive('bytes');
  }
  static integer(): Kind {
    return Kind.primitive('integer');
  }
  static float(): Kind {
    return Kind.primitive('float');
  }
  static boolean(): Kind {
    return Kind.primitive('boolean');
  }
  static timestamp(): Kind {
    return Kind.primitive('timestamp');
  }
  static regex(): Kind {
    return Kind.primitive('regex');
  }
  static null(): Kind {
    return Kind.primitive('null');
  }
  static undefined(): Kind {
    return Kind.primitive('undefined');
  }

  static array(collection: Collection<number>): Kind {
    const kind = new Kind();
    kind.array = collection;
    return kind;
  }

  static object(collection: Collection<string>): Kind {
    const kind = new Kind();
    kind.object = collection;
    return kind;
  }

  clone(): Kind {
    const kind = new Kind();
    kind.bytes = this.bytes;
    kind.integer = this.integer;
    kind.float = this.float;
    kind.boolean = this.boolean;
    kind.timestamp = this.timestamp;
    kind.regex = this.regex;
    kind.null = this.null;
    kind.undefined = this.undefined;
    // Shallow: the collections share their known entries until changed (copy on write).
    kind.array = this.array?.clone();
    kind.object = this.object?.clone();
    return kind;
  }

  // Builders returning a changed copy.
  orBytes(): Kind {
    return this.with('bytes');
  }
  orInteger(): Kind {
    return this.with('integer');
  }
  orFloat(): Kind {
    return this.with('float');
  }
  orBoolean(): Kind {
    return this.with('boolean');
  }
  orTimestamp(): Kind {
    return this.with('timestamp');
  }
  orRegex(): Kind {
    return this.with('regex');
  }
  orNull(): Kind {
    return this.with('null');
  }
  orUndefined(): Kind {
    return this.with('undefined');
  }
  orArray(collection: Collection<number>): Kind {
    const kind = this.clone();
    kind.array = collection;
    return kind;
  }
  orObject(collection: Collection<string>): Kind {
    const kind = this.clone();
    kind.object = collection;
    return kind;
  }

  private with(name: Primitive | 'undefined'): Kind {
    const kind = this.clone();
    kind[name] = true;
    return kind;
  }

  withoutUndefined(): Kind {
    const kind = this.clone();
    kind.undefined = false;
    return kind;
  }
  withoutArray(): Kind {
    const kind = this.clone();
    kind.array = undefined;
    return kind;
  }
  withoutObject(): Kind {
    const kind = this.clone();
    kind.object = undefined;
    return kind;
  }

  // Predicates.

  isNever(): boolean {
    return (
      !this.bytes &&
      !this.integer &&
      !this.float &&
      !this.boolean &&
      !this.timestamp &&
      !this.regex &&
      !this.null &&
      !this.undefined &&
      this.array === undefined &&
      this.object === undefined
    );
  }

  private countKinds(): number {
    let count = 0;
    for (const primitive of PRIMITIVES) if (this[primitive]) count++;
    if (this.undefined) count++;
    if (this.array !== undefined) count++;
    if (this.object !== undefined) count++;
    return count;
  }

  /** Exactly this one kind (or never). */
  private isOnly(name: Primitive | 'undefined' | 'array' | 'object'): boolean {
    const count = this.countKinds();
    if (count === 0) return true;
    if (count !== 1) return false;
    if (name === 'array') return this.array !== undefined;
    if (name === 'object') return this.object !== undefined;
    return this[name];
  }

  isBytes(): boolean {
    return this.isOnly('bytes');
  }
  isInteger(): boolean {
    return this.isOnly('integer');
  }
  isFloat(): boolean {
    return this.isOnly('float');
  }
  isBoolean(): boolean {
    return this.isOnly('boolean');
  }
  isTimestamp(): boolean {
    return this.isOnly('timestamp');
  }
  isRegex(): boolean {
    return this.isOnly('regex');
  }
  isNull(): boolean {
    return this.isOnly('null');
  }
  isUndefined(): boolean {
    return this.isOnly('undefined');
  }
  isArray(): boolean {
    return this.isOnly('array');
  }
  isObject(): boolean {
    return this.isOnly('object');
  }

  isExact(): boolean {
    return this.countKinds() <= 1;
  }

  isAny(): boolean {
    return (
      this.containsBytes() &&
      this.containsInteger() &&
      this.containsFloat() &&
      this.containsBoolean() &&
      this.containsTimestamp() &&
      this.containsRegex() &&
      this.containsNull() &&
      this.containsUndefined() &&
      this.containsArray() &&
      this.containsObject()
    );
  }

  isJson(): boolean {
    return (
      this.containsBytes() &&
      this.containsInteger() &&
      this.containsFloat() &&
      this.containsBoolean() &&
      !this.containsTimestamp() &&
      !this.containsRegex() &&
      this.containsNull() &&
      this.containsUndefined() &&
      this.containsArray() &&
      this.containsObject()
    );
  }

  isCollection(): boolean {
    if (!this.containsObject() && !this.containsArray()) return false;
    return (
      !this.containsBytes() &&
      !this.containsInteger() &&
      !this.containsFloat() &&
      !this.containsBoolean() &&
      !this.containsTimestamp() &&
      !this.containsRegex() &&
      !this.containsNull() &&
      !this.containsUndefined()
    );
  }

  // `contains_*` is true for `never` too, as in VRL.
  containsBytes(): boolean {
    return this.bytes || this.isNever();
  }
  containsInteger(): boolean {
    return this.integer || this.isNever();
  }
  containsFloat(): boolean {
    return this.float || this.isNever();
  }
  containsBoolean(): boolean {
    return this.boolean || this.isNever();
  }
  containsTimestamp(): boolean {
    return this.timestamp || this.isNever();
  }
  containsRegex(): boolean {
    return this.regex || this.isNever();
  }
  containsNull(): boolean {
    return this.null || this.isNever();
  }
  containsUndefined(): boolean {
    return this.undefined || this.isNever();
  }
  containsArray(): boolean {
    return this.array !== undefined || this.isNever();
  }
  containsObject(): boolean {
    return this.object !== undefined || this.isNever();
  }
  containsAnyDefined(): boolean {
    return !this.isUndefined();
  }
  containsPrimitive(): boolean {
    return PRIMITIVES.some((primitive) => this[primitive]) || this.undefined;
  }

  /** Undefined when `this` contains every value of `other`, else the path where it does not. */
  isSuperset(other: Kind): Segment[] | undefined {
    for (const primitive of PRIMITIVES) if (!this[primitive] && other[primitive]) return [];
    if (!this.undefined && other.undefined) return [];
    if (other.array !== undefined) {
      if (this.array === undefined) return [];
      const path = this.array.isSuperset(other.array);
      if (path !== undefined) return path;
    }
    if (other.object !== undefined) {
      if (this.object === undefined) return [];
      const path = this.object.isSuperset(other.object);
      if (path !== undefined) return path;
    }
    return undefined;
  }

  /** Whether `this` contains every value of `other`. */
  contains(other: Kind): boolean {
    return this.isSuperset(other) === undefined;
  }

  intersects(other: Kind): boolean {
    if (this.isNever() || other.isNever()) return true;
    for (const primitive of PRIMITIVES) if (this[primitive] && other[primitive]) return true;
    if (this.undefined && other.undefined) return true;
    if (this.array !== undefined && other.array !== undefined) return true;
    return this.object !== undefined && other.object !== undefined;
  }

  // Merging.

  /** Adds `other`'s kinds to this one; collections merge (`overwrite`: `other`'s fields win). */
  mergeKeep(other: Kind, overwrite: boolean): void {
    for (const primitive of PRIMITIVES) this[primitive] ||= other[primitive];
    this.undefined ||= other.undefined;
    if (other.object !== undefined) {
      if (this.object === undefined) this.object = other.object.clone();
      else this.object.merge(other.object, overwrite);
    }
    if (other.array !== undefined) {
      if (this.array === undefined) this.array = other.array.clone();
      else this.array.merge(other.array, overwrite);
    }
  }

  union(other: Kind): Kind {
    const kind = this.clone();
    kind.mergeKeep(other, false);
    return kind;
  }

  canonicalize(): Kind {
    const kind = this.clone();
    if (kind.object !== undefined) kind.object = kind.object.canonicalize();
    if (kind.array !== undefined) kind.array = kind.array.canonicalize();
    return kind;
  }

  equals(other: Kind): boolean {
    const a = this.canonicalize();
    const b = other.canonicalize();
    for (const primitive of PRIMITIVES) if (a[primitive] !== b[primitive]) return false;
    if (a.undefined !== b.undefined) return false;
    if ((a.array === undefined) !== (b.array === undefined)) return false;
    if (a.array !== undefined && !a.array.equals(b.array as Collection<number>)) return false;
    if ((a.object === undefined) !== (b.object === undefined)) return false;
    return a.object === undefined || a.object.equals(b.object as Collection<string>);
  }

  /** `undefined` becomes `null` (what reading an absent value gives). */
  upgradeUndefined(): Kind {
    if (this.isNever() || !this.undefined) return this.clone();
    return this.withoutUndefined().orNull();
  }

  toPrimitives(): Kind {
    const kind = this.clone();
    kind.array = undefined;
    kind.object = undefined;
    return kind;
  }

  // Paths.

  /** The kind at a path, absent values as `null`. */
  get(path: readonly Segment[]): Kind {
    return this.atPath(path).upgradeUndefined();
  }

  /** The kind at a path, absent values as `undefined`. */
  atPath(path: readonly Segment[], from = 0): Kind {
    if (this.isNever()) return Kind.never();
    const segment = path[from];
    if (segment === undefined) return this.clone();
    if ('field' in segment) {
      if (this.object === undefined) return Kind.undefined();
      let kind = (this.object.known.get(segment.field) ?? this.object.unknownKind()).clone();
      if (!this.isExact()) kind = kind.orUndefined();
      return kind.atPath(path, from + 1);
    }
    if (this.array === undefined) return Kind.undefined();
    let index = segment.index;
    const array = this.array;
    if (index < 0) {
      const largest = maxKey(array.known);
      const lengthRequired = -index;
      if (array.unknownKind().containsAnyDefined()) {
        const minLength = largest === undefined ? 0 : largest + 1;
        const minIndex = Math.max(minLength + index, 0);
        const canUnderflow = minLength + index < 0;
        const kind = array.unknownKind();
        if (this.isExact() && !canUnderflow) kind.undefined = false;
        for (const [position, positionKind] of array.known)
          if (position >= minIndex) kind.mergeKeep(positionKind, false);
        return kind.atPath(path, from + 1);
      }
      const exactLength = largest === undefined ? 0 : largest + 1;
      if (exactLength >= lengthRequired) index += exactLength;
      else return Kind.undefined();
    }
    let kind = (array.known.get(index) ?? array.unknownKind()).clone();
    if (!this.isExact()) kind = kind.orUndefined();
    return kind.atPath(path, from + 1);
  }

  /** Sets the kind at a path (`undefined` inserted becomes `null`). */
  insert(path: readonly Segment[], kind: Kind): void {
    this.insertRecursive(path, 0, kind.upgradeUndefined());
  }

  setAtPath(path: readonly Segment[], kind: Kind): void {
    this.insertRecursive(path, 0, kind);
  }

  private replaceWith(kind: Kind): void {
    for (const primitive of PRIMITIVES) this[primitive] = kind[primitive];
    this.undefined = kind.undefined;
    this.array = kind.array;
    this.object = kind.object;
  }

  private insertRecursive(path: readonly Segment[], from: number, kind: Kind): void {
    if (kind.isNever()) return;
    const segment = path[from];
    if (segment === undefined) {
      this.replaceWith(kind.clone());
      return;
    }
    if ('field' in segment) {
      const collection = this.object ?? Collection.empty<string>();
      this.replaceWith(Kind.object(collection));
      // Entries are never changed in place: a changed copy replaces the entry.
      const child = (collection.known.get(segment.field) ?? collection.unknownKind()).clone();
      child.insertRecursive(path, from + 1, kind);
      collection.set(segment.field, child);
      return;
    }
    const collection = this.array ?? Collection.empty<number>();
    this.replaceWith(Kind.array(collection));
    let index = segment.index;
    if (index < 0) {
      const largest = collection.largestKnownIndex();
      const lengthRequired = -index;
      const unknownKind = collection.unknownKind();
      if (unknownKind.containsAnyDefined()) {
        const minLength = collection.minLength();
        if (lengthRequired > minLength) {
          const maxShifts = lengthRequired - minLength;
          const zeroShifts = collection.clone();
          for (let shiftCount = 1; shiftCount <= maxShifts; shiftCount++) {
            const shifted = zeroShifts.clone();
            shifted.clear();
            for (let position = 1; position < shiftCount; position++) shifted.set(position, Kind.null());
            for (const [position, positionKind] of zeroShifts.known)
              shifted.set(position + shiftCount, positionKind);
            collection.merge(shifted, false);
          }
        }
        const minIndex = Math.max(minLength + index, 0);
        for (let position = 0; position < lengthRequired; position++) {
          collection.set(position, (collection.known.get(position) ?? unknownKind).withoutUndefined());
        }
        const remaining = path.slice(from + 1);
        for (const [position, positionKind] of [...collection.known]) {
          if (position >= minIndex) {
            const withInsertion = positionKind.clone();
            withInsertion.insert(remaining, kind.clone());
            collection.set(position, positionKind.union(withInsertion));
          }
        }
        const unknownWithInsertion = unknownKind.clone();
        unknownWithInsertion.insert(remaining, kind);
        const newUnknown = unknownKind.clone();
        newUnknown.mergeKeep(unknownWithInsertion, false);
        collection.setUnknown(newUnknown);
        return;
      }
      const exactLength = largest === undefined ? 0 : largest + 1;
      if (lengthRequired > exactLength)
        for (let position = exactLength; position < lengthRequired; position++)
          collection.set(position, Kind.null());
      index += Math.max(lengthRequired, exactLength);
    }
    if (!collection.known.has(index)) {
      const holeType = collection.unknownKind().withoutUndefined().orNull();
      for (let position = 0; position < index; position++)
        if (!collection.known.has(position)) collection.set(position, holeType);
    }
    const child = (collection.known.get(index) ?? collection.unknownKind()).clone();
    child.insertRecursive(path, from + 1, kind);
    collection.set(index, child);
  }

  /** Removes the path (as `del` does); returns the removed kind. */
  remove(path: readonly Segment[], prune: boolean): Kind {
    const removed = this.get(path);
    if (path.length === 0) {
      const kind = Kind.never();
      if (this.containsObject()) kind.object = Collection.empty();
      if (this.containsArray()) kind.array = Collection.empty();
      if (this.containsPrimitive()) kind.null = true;
      this.replaceWith(kind);
    } else {
      this.removeInner(path, 0, prune);
    }
    return removed;
  }

  private removeInner(path: readonly Segment[], from: number, compact: boolean): CompactOption {
    if (this.isNever()) return 'never';
    const segment = path[from];
    if (segment === undefined) return compactOption(this.containsAnyDefined(), this.containsUndefined());
    if ('field' in segment) {
      if (this.object === undefined) return 'never';
      const object = this.object;
      const known = object.known.get(segment.field);
      // An unknown field: VRL works on a copy of the kind at the whole remaining path.
      const child = known === undefined ? this.atPath(path, from) : known.clone();
      const option = child.removeInner(path, from + 1, compact);
      if (known !== undefined) object.set(segment.field, child);
      return compactAfter(option, object, segment.field, compact);
    }
    if (this.array === undefined) return 'never';
    const array = this.array;
    let index = segment.index;
    if (index < 0) {
      const negative = -index;
      if (array.unknownKind().containsAnyDefined()) {
        const original = array.clone();
        const largest = array.largestKnownIndex();
        const minIndex = largest === undefined ? 0 : largest + 1 - negative;
        if (largest !== undefined) {
          for (let position = minIndex; position <= largest; position++) {
            const single = original.clone();
            const known = single.known.get(position);
            if (known !== undefined) {
              const child = known.clone();
              const option = child.removeInner(path, from + 1, compact);
              single.set(position, child);
              compactAfter(option, single, position, compact);
            }
            array.merge(single, false);
          }
        }
        return array.minLength() <= 1 ? 'maybe' : 'never';
      }
      const positive = array.getPositiveIndex(index);
      if (positive === undefined) return 'never';
      index = positive;
    }
    const known = array.known.get(index);
    const child = known === undefined ? this.atPath(path, from) : known.clone();
    const option = child.removeInner(path, from + 1, compact);
    if (known !== undefined) array.set(index, child);
    return compactAfter(option, array, index, compact);
  }

  // Display.

  toString(): string {
    if (this.isAny()) return 'any';
    if (this.isExact()) {
      if (this.object !== undefined) return displayObject(this.object);
      if (this.array !== undefined) return displayArray(this.array);
    }
    const names: string[] = [];
    if (this.containsBytes()) names.push('string');
    if (this.containsInteger()) names.push('integer');
    if (this.containsFloat()) names.push('float');
    if (this.containsBoolean()) names.push('boolean');
    if (this.containsTimestamp()) names.push('timestamp');
    if (this.containsRegex()) names.push('regex');
    if (this.containsNull()) names.push('null');
    if (this.containsUndefined()) names.push('undefined');
    if (this.containsArray()) names.push('array');
    if (this.containsObject()) names.push('object');
    if (names.length === 0) return 'never';
    if (names.length === 1) return names[0] as string;
    return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  }
}

type CompactOption = 'always' | 'maybe' | 'never';

function compactOption(compact: boolean, dontCompact: boolean): CompactOption {
  if (compact && !dontCompact) return 'always';
  if (!compact && dontCompact) return 'never';
  return 'maybe';
}

function compactAfter<K extends Key>(
  option: CompactOption,
  collection: Collection<K>,
  key: K,
  continueCompact: boolean,
): CompactOption {
  if (option === 'always') collection.removeKnown(key);
  else if (option === 'maybe') {
    const notCompacted = collection.clone();
    collection.removeKnown(key);
    collection.merge(notCompacted, false);
  }
  if (option === 'never' || !continueCompact) return 'never';
  return collection.isEmpty();
}

function maxKey(known: PersistentMap<number, Kind>): number | undefined {
  let largest: number | undefined;
  for (const key of known.keys()) if (largest === undefined || key > largest) largest = key;
  return largest;
}

const PLAIN_FIELD = /^[0-9]*[a-zA-Z_@][0-9a-zA-Z_@]*$/;

/** A field name as VRL prints a path segment: quoted unless it is a plain identifier. */
export function displayField(field: string): string {
  return PLAIN_FIELD.test(field) ? field : `"${field}"`;
}

function displayObject(collection: Collection<string>): string {
  if (collection.unknownKind().containsAnyDefined() || collection.known.size === 0) return 'object';
  const fields = collection.sortedKnown().map(([key, kind]) => `${displayField(key)}: ${kind.toString()}`);
  return `{ ${fields.join(', ')} }`;
}

function displayArray(collection: Collection<number>): string {
  if (collection.unknownKind().containsAnyDefined() || collection.known.size === 0) return 'array';
  return `[${collection
    .sortedKnown()
    .map(([, kind]) => kind.toString())
    .join(', ')}]`;
}
