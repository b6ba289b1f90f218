import { defineFunction, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import type { ObjectValue, Value } from '../value/value.js';
import { parseUap } from './parsers/user-agent/uap.js';
import { parseWoothee, UNKNOWN } from './parsers/woothee/woothee.js';

/*
 * `parse_user_agent(value, mode: "fast")`, as VRL's (src/stdlib/parse_user_agent.rs): `fast` is
 * woothee; `reliable` is woothee, then uap-core's regexes for what woothee left without a browser
 * or OS family; `enriched` is uap-core's regexes completed by woothee, with the full schema. A field
 * neither parser found is null.
 */

const MODES = ['fast', 'reliable', 'enriched'];

type Field = string | undefined;

/** What a parser found; the schema of the mode decides which fields are written. */
interface UserAgent {
  browser: { family: Field; version: Field; major: Field; minor: Field; patch: Field };
  os: { family: Field; version: Field; major: Field; minor: Field; patch: Field; patchMinor: Field };
  device: { category: Field; family: Field; brand: Field; model: Field };
}

const known = (text: string | undefined): Field =>
  text === undefined || text === '' || text === UNKNOWN ? undefined : text;

function woothee(agent: string): UserAgent {
  const result = parseWoothee(agent);
  return {
    browser: {
      family: known(result?.name),
      version: known(result?.version),
      major: undefined,
      minor: undefined,
      patch: undefined,
    },
    os: {
      family: known(result?.os),
      version: known(result?.osVersion),
      major: undefined,
      minor: undefined,
      patch: undefined,
      patchMinor: undefined,
    },
    device: { category: known(result?.category), family: undefined, brand: undefined, model: undefined },
  };
}

function uap(agent: string): UserAgent {
  const { browser, os, device } = parseUap(agent);
  return {
    browser: {
      family: browser?.family,
      version: undefined,
      major: browser?.major,
      minor: browser?.minor,
      patch: browser?.patch,
    },
    os: {
      family: os?.family,
      version: undefined,
      major: os?.major,
      minor: os?.minor,
      patch: os?.patch,
      patchMinor: os?.patchMinor,
    },
    device: { category: undefined, family: device?.family, brand: device?.brand, model: device?.model },
  };
}

/** Each field of `first`, else of `second` (the crate's `or`). */
function or(first: UserAgent, second: UserAgent): UserAgent {
  const merge = <T extends Record<string, Field>>(a: T, b: T): T =>
    Object.fromEntries(Object.keys(a).map((key) => [key, a[key] ?? b[key]])) as T;
  return {
    browser: merge(first.browser, second.browser),
    os: merge(first.os, second.os),
    device: merge(first.device, second.device),
  };
}

const nullable = (field: Field): Value => field ?? null;

function partialSchema({ browser, os, device }: UserAgent): ObjectValue {
  return {
    browser: { family: nullable(browser.family), version: nullable(browser.version) },
    os: { family: nullable(os.family), version: nullable(os.version) },
    device: { category: nullable(device.category) },
  };
}

function fullSchema({ browser, os, device }: UserAgent): ObjectValue {
  return {
    browser: {
      family: nullable(browser.family),
      version: nullable(browser.version),
      major: nullable(browser.major),
      minor: nullable(browser.minor),
      patch: nullable(browser.patch),
    },
    os: {
      family: nullable(os.family),
      version: nullable(os.version),
      major: nullable(os.major),
      minor: nullable(os.minor),
      patch: nullable(os.patch),
      patch_minor: nullable(os.patchMinor),
    },
    device: {
      category: nullable(device.category),
      family: nullable(device.family),
      brand: nullable(device.brand),
      model: nullable(device.model),
    },
  };
}

const PARSERS: Record<string, (agent: string) => ObjectValue> = {
  fast: (agent) => partialSchema(woothee(agent)),
  reliable: (agent) => {
    const fast = woothee(agent);
    const found =
      fast.browser.family === undefined || fast.os.family === undefined ? or(uap(agent), fast) : fast;
    return partialSchema(found);
  },
  enriched: (agent) => fullSchema(or(uap(agent), woothee(agent))),
};

/** The object kind of fields that are each bytes or null. */
function fieldsKind(names: readonly string[]): Kind {
  return Kind.object(Collection.known(names.map((name) => [name, Kind.bytes().orNull()] as const)));
}

function typeDefOf(mode: string): TypeDef {
  const full = mode === 'enriched';
  return TypeDef.object(
    Collection.known([
      [
        'browser',
        fieldsKind(full ? ['family', 'version', 'major', 'minor', 'patch'] : ['family', 'version']),
      ],
      [
        'os',
        fieldsKind(
          full ? ['family', 'version', 'major', 'minor', 'patch', 'patch_minor'] : ['family', 'version'],
        ),
      ],
      ['device', fieldsKind(full ? ['category', 'family', 'brand', 'model'] : ['category'])],
    ]),
  );
}

/** `parse_user_agent(value, mode: "fast")`: the browser, OS and device of a user agent, best effort. */
export const parseUserAgent = defineFunction({
  name: 'parse_user_agent',
  parameters: [required('value', kind.BYTES), optional('mode', kind.BYTES)],
  compile(call) {
    const mode = (call.enumValue('mode', MODES) as string | undefined) ?? 'fast';
    const parse = PARSERS[mode] as (agent: string) => ObjectValue;
    const value = call.required('value').evaluate;
    return {
      run: (context) => parse(value(context) as string),
      typeDef: typeDefOf(mode),
      freshResult: true,
    };
  },
});
