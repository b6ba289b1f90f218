import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { encodeJson, JsonSyntaxError, parseJson } from '../value/json.js';
import { type ObjectValue, ownField, type Value } from '../value/value.js';

/**
 * `validate_json_schema(value, schema_definition, ignore_unknown_formats: false)`: whether a JSON
 * string is valid against the JSON Schema in a file (read once per path and cached, as VRL
 * does). Validation runs on Ajv (the draft the schema's `$schema` names, 2020-12 by default,
 * formats checked); its errors are written as VRL's `jsonschema` crate writes them.
 */

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const validators = new Map<string, ValidateFunction>();

function validatorFor(path: string, ignoreUnknownFormats: boolean): ValidateFunction {
  const key = `${ignoreUnknownFormats}\u0000${path}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(
      `JSON schema not found: Failed to open schema definition file '${path}': ${(error as Error).message}`,
    );
  }
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return fail(
      `JSON schema not found: Failed to parse schema definition file '${path}': ${(error as Error).message}`,
    );
  }
  const draft = String(schema.$schema ?? '');
  const options = { allErrors: true, strict: false, validateFormats: true };
  const ajv =
    draft.includes('draft-07') || draft.includes('draft-06')
      ? new Ajv(options)
      : draft.includes('2019-09')
        ? new Ajv2019(options)
        : new Ajv2020(options);
  addFormats(ajv as Ajv);
  // Formats Ajv does not know are refused unless VRL's `ignore_unknown_formats` is set.
  const known = (ajv as Ajv).formats as Record<string, unknown>;
  for (const format of formatsIn(schema)) {
    if (Object.hasOwn(known, format)) continue;
    if (!ignoreUnknownFormats) {
      return fail(
        `Failed to compile schema: Unknown format: '${format}'. Adjust configuration to ignore unrecognized formats`,
      );
    }
    ajv.addFormat(format, true);
  }
  const compile = (): ValidateFunction => ajv.compile(schema);
  let validator: ValidateFunction;
  try {
    validator = compile();
  } catch (error) {
    return fail(`Failed to compile schema: ${(error as Error).message}`);
  }
  validators.set(key, validator);
  return validator;
}

/** The `format` keywords of a schema, at any depth. */
function formatsIn(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) formatsIn(item, into);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'format' && typeof value === 'string') into.add(value);
      else formatsIn(value, into);
    }
  }
  return into;
}

/** The value at a JSON pointer (`/a/0`). */
function atPointer(root: Value, pointer: string): Value {
  let current: Value | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    current = Array.isArray(current) ? current[Number(key)] : ownField(current as ObjectValue, key);
  }
  return current ?? null;
}

const plural = (count: unknown, singular: string, several: string): string =>
  count === 1 ? singular : several;

/** An Ajv error as the `jsonschema` crate words it. */
function describe(error: ErrorObject, root: Value): string {
  const instance = encodeJson(atPointer(root, error.instancePath));
  const params = error.params as Record<string, unknown>;
  const limit = params.limit;
  switch (error.keyword) {
    case 'type':
      return `${instance} is not of type ${JSON.stringify(params.type)}`;
    case 'required':
      return `${JSON.stringify(params.missingProperty)} is a required property`;
    case 'format':
      return `${instance} is not a ${JSON.stringify(params.format)}`;
    case 'minimum':
      return `${instance} is less than the minimum of ${limit}`;
    case 'maximum':
      return `${instance} is greater than the maximum of ${limit}`;
    case 'exclusiveMinimum':
      return `${instance} is less than or equal to the minimum of ${limit}`;
    case 'exclusiveMaximum':
      return `${instance} is greater than or equal to the maximum of ${limit}`;
    case 'minLength':
      return `${instance} is shorter than ${limit} ${plural(limit, 'character', 'characters')}`;
    case 'maxLength':
      return `${instance} is longer than ${limit} ${plural(limit, 'character', 'characters')}`;
    case 'minItems':
      return `${instance} has less than ${limit} ${plural(limit, 'item', 'items')}`;
    case 'maxItems':
      return `${instance} has more than ${limit} ${plural(limit, 'item', 'items')}`;
    case 'minProperties':
      return `${instance} has less than ${limit} ${plural(limit, 'property', 'properties')}`;
    case 'maxProperties':
      return `${instance} has more than ${limit} ${plural(limit, 'property', 'properties')}`;
    case 'pattern':
      return `${instance} does not match ${JSON.stringify(params.pattern)}`;
    case 'enum':
      return `${instance} is not one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${JSON.stringify(params.allowedValue)} was expected`;
    case 'multipleOf':
      return `${instance} is not a multiple of ${params.multipleOf}`;
    case 'uniqueItems':
      return `${instance} has non-unique elements`;
    case 'additionalProperties':
      return `Additional properties are not allowed ('${String(params.additionalProperty)}' was unexpected)`;
    case 'anyOf':
      return `${instance} is not valid under any of the schemas listed in the 'anyOf' keyword`;
    case 'oneOf':
      return params.passingSchemas === null
        ? `${instance} is not valid under any of the schemas listed in the 'oneOf' keyword`
        : `${instance} is valid under more than one of the schemas listed in the 'oneOf' keyword`;
    case 'not':
      return `${instance} is not allowed`;
    case 'false schema':
      return `False schema does not allow ${instance}`;
    default:
      return `${instance} ${error.message ?? 'is not valid'}`;
  }
}

export const validateJsonSchema = defineFunction({
  name: 'validate_json_schema',
  parameters: [
    required('value', kind.BYTES),
    required('schema_definition', kind.BYTES),
    optional('ignore_unknown_formats', kind.BOOLEAN, false),
  ],
  check: (call) => {
    call.literal('schema_definition');
  },
  returns: TypeDef.boolean().fallible(),
  call: ([value, schemaDefinition, ignoreUnknownFormats]) => {
    const text = value as string;
    if (text === '') return fail('Empty JSON value');
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let parsed: Value;
    try {
      parsed = body === '' ? null : parseJson(body);
    } catch (error) {
      if (error instanceof JsonSyntaxError) return fail(`Invalid JSON: ${error.message}`);
      throw error;
    }
    const validator = validatorFor(schemaDefinition as string, ignoreUnknownFormats === true);
    if (validator(body === '' ? null : JSON.parse(body))) return true;
    const errors = (validator.errors ?? []).map(
      (error) => `${describe(error, parsed)} at ${error.instancePath === '' ? '/' : error.instancePath}`,
    );
    return fail(`JSON schema validation failed: ${errors.join(', ')}`);
  },
});
