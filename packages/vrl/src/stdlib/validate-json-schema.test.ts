import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileError, evaluate, runtimeError } from '../test-helpers/evaluate.js';
import { quoteJsonString } from '../value/json.js';

const directory = mkdtempSync(join(tmpdir(), 'vrl-json-schema-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function schemaFile(name: string, schema: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(schema));
  return quoteJsonString(path);
}

describe('validate_json_schema', () => {
  const email = schemaFile('email.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { productUser: { type: 'string', format: 'email' } },
  });
  const custom = schemaFile('custom.json', {
    type: 'object',
    properties: { productUser: { format: 'my-custom-format' } },
  });

  it("passes VRL's examples", () => {
    expect(evaluate(`validate_json_schema!(s'{ "productUser": "valid@email.com" }', ${email}, false)`)).toBe(
      true,
    );
    expect(
      runtimeError(`validate_json_schema!(s'{ "productUser": "invalidEmail" }', ${email}, false)`),
    ).toContain('JSON schema validation failed: "invalidEmail" is not a "email" at /productUser');
    expect(runtimeError(`validate_json_schema!(s'{ "productUser": "x" }', ${custom}, false)`)).toContain(
      "Failed to compile schema: Unknown format: 'my-custom-format'. Adjust configuration to ignore unrecognized formats",
    );
    expect(evaluate(`validate_json_schema!(s'{ "productUser": "x" }', ${custom}, true)`)).toBe(true);
  });

  it('words errors as the jsonschema crate does, with their paths', () => {
    const strict = schemaFile('strict.json', {
      type: 'object',
      required: ['id'],
      properties: { n: { type: 'integer', minimum: 3 }, s: { type: 'string', minLength: 1 } },
    });
    const message = runtimeError(`validate_json_schema!(s'{"n": 1.5, "s": ""}', ${strict})`);
    expect(message).toContain('"id" is a required property at /');
    expect(message).toContain('1.5 is not of type "integer" at /n');
    expect(message).toContain('"" is shorter than 1 character at /s');
  });

  it('refuses empty or invalid JSON, a missing schema file, and a schema path that is not a literal', () => {
    expect(runtimeError(`validate_json_schema!("", ${email})`)).toContain('Empty JSON value');
    expect(runtimeError(`validate_json_schema!("{", ${email})`)).toContain('Invalid JSON:');
    expect(runtimeError(`validate_json_schema!("{}", "${join(directory, 'absent.json')}")`)).toContain(
      'JSON schema not found: Failed to open schema definition file',
    );
    expect(compileError('path = "s.json"\nvalidate_json_schema!("{}", path + "")')).toContain('E610');
  });
});
