import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWoothee } from './woothee.js';

interface Case {
  set: string;
  agent: string;
  category: string;
  name: string;
  os: string;
  os_version?: string;
  version?: string;
}

const CASES: Case[] = JSON.parse(
  readFileSync(new URL('../../../../test-data/woothee/testsets.json', import.meta.url), 'utf8'),
);

describe("woothee's test sets", () => {
  it.each(CASES.map((testCase) => [testCase.set, testCase.agent, testCase] as const))(
    '%s: %s',
    (_set, agent, want) => {
      const result = parseWoothee(agent);
      expect(result).toBeDefined();
      // Fields the crate's tests skip are left out of the case.
      const got: Record<string, string | undefined> = {
        category: result?.category,
        name: result?.name,
        os: result?.os,
        os_version: result?.osVersion,
        version: result?.version,
      };
      for (const field of ['category', 'name', 'os', 'os_version', 'version'] as const) {
        if (want[field] !== undefined) expect(got[field], field).toBe(want[field]);
      }
    },
  );
});
