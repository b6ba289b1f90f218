import { afterEach, describe, expect, it } from 'vitest';
import { removeValidatedFiles, validateFiles } from './test-helpers/validate.js';

/*
 * Configs shaped like real ones that Vector accepts (or refuses), each checked the way a user
 * checks it: `sluice validate --no-environment` on the files.
 */

afterEach(removeValidatedFiles);

const demo = 'sources:\n  in:\n    type: demo_logs\n    format: json\n';

describe('a null option is unset, and a table with one bad key gets one error', () => {
  it("accepts what Vector's own serializer writes: healthcheck { enabled: true, uri: null }", async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:
  out:
    type: console
    inputs: [in]
    encoding:
      codec: json
      timestamp_format: null
    healthcheck:
      enabled: true
      uri: null
    buffer:
      type: memory
      max_events: 500
      when_full: block
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });

  it('a bad key inside a table is the only error, never also one for the whole option', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:
  out:
    type: console
    inputs: [in]
    encoding:
      codec: json
      json:
        pretty: "yes"
    healthcheck:
      enabled: "yes"
`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sinks.out.healthcheck.enabled: must be boolean (got "yes")',
      'vector.yaml: sinks.out.encoding.json.pretty: must be boolean (got "yes")',
    ]);
  });

  it('a value of neither form still names both', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:\n  out:\n    type: console\n    inputs: [in]\n    encoding: 3\n    healthcheck: "yes"\n`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sinks.out.healthcheck: must be boolean or object (got "yes")',
      'vector.yaml: sinks.out.encoding: must be string or object (got 3)',
    ]);
  });

  it('a component that is null is still refused', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:\n  out:\n  other:\n    type: blackhole\n    inputs: [in]\n`,
    });
    expect(result.problems).toEqual(['vector.yaml: sinks.out: must be object (got null)']);
  });
});
