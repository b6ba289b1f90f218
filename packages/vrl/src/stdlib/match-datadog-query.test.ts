import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../index.js';
import { compileError } from '../test-helpers/evaluate.js';
import { parseJson, quoteJsonString } from '../value/json.js';

interface Case {
  name: string;
  value: unknown;
  query: string;
  want: boolean | 'invalid argument';
}

const CASES = JSON.parse(
  readFileSync(new URL('../../test-data/match-datadog-query-cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('match_datadog_query', () => {
  it("passes VRL's own unit tests (259 queries)", () => {
    const failures: string[] = [];
    for (const test of CASES.cases) {
      const source = `value = object!(.value)\nmatch_datadog_query(value, ${quoteJsonString(test.query)})`;
      if (test.want === 'invalid argument') {
        expect(compileError(source)).toContain('failed to build matcher');
        continue;
      }
      const result = compile(source).run(parseJson(JSON.stringify({ value: test.value })));
      const got = result.status === 'ok' ? result.value : result.message;
      if (got !== test.want)
        failures.push(`${test.name}: ${test.query} → ${String(got)}, want ${String(test.want)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a query that does not parse, at compile time', () => {
    expect(compileError('match_datadog_query({}, "a:(b")')).toContain('E610');
    expect(compileError('match_datadog_query({}, "a:[1 TO 2}")')).toContain('invalid range comparison');
  });
});
