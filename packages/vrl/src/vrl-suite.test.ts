import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSuite, runSuite } from './test-helpers/suite.js';

/**
 * VRL's own test suite (its test programs and every stdlib function's examples, imported into
 * `test-data/vrl`), run on this engine. A test must pass unless the expectation list says it
 * fails or is refused by name (its function is not implemented yet): the test fails on a
 * regression only, and the list shrinks as the stdlib grows. `pnpm --filter @sluice/vrl
 * suite:update` rewrites the list; `VRL_SUITE_PATTERN=… pnpm --filter @sluice/vrl suite` prints
 * the failures matching a pattern.
 */

const EXPECTATIONS = new URL('../test-data/vrl-suite-expectations.json', import.meta.url).pathname;

interface Expectations {
  failed: string[];
  refused: string[];
}

describe("VRL's test suite", () => {
  it('passes everything not on the expectation list, and reports the figures', () => {
    const pattern = process.env.VRL_SUITE_PATTERN;
    const tests = loadSuite().filter((test) => pattern === undefined || test.id.includes(pattern));
    const summary = runSuite(tests);
    const refusedFunctions = new Map<string, number>();
    for (const result of summary.results) {
      if (result.outcome === 'refused')
        refusedFunctions.set(result.detail, (refusedFunctions.get(result.detail) ?? 0) + 1);
    }
    const missing = [...refusedFunctions]
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `${name} (${count})`);
    console.log(
      `VRL suite: ${summary.passed} passed, ${summary.failed} failed, ${summary.refused} refused by name of ${tests.length}` +
        `\nmost needed functions: ${missing.slice(0, 30).join(', ')}`,
    );
    if (pattern !== undefined) {
      for (const result of summary.results) {
        if (result.outcome !== 'passed')
          console.log(`\n--- ${result.outcome}: ${result.test.id} (${result.test.file})\n${result.detail}`);
      }
      return;
    }

    const actual: Expectations = {
      failed: summary.results.filter((result) => result.outcome === 'failed').map((result) => result.test.id),
      refused: summary.results
        .filter((result) => result.outcome === 'refused')
        .map((result) => result.test.id),
    };
    if (process.env.UPDATE_VRL_SUITE !== undefined || !existsSync(EXPECTATIONS)) {
      writeFileSync(EXPECTATIONS, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) as Expectations;
    const allowed = new Set([...expected.failed, ...expected.refused]);
    const regressions = summary.results
      .filter((result) => result.outcome !== 'passed' && !allowed.has(result.test.id))
      .map((result) => `${result.outcome}: ${result.test.id} (${result.test.file})\n${result.detail}`);
    const nowPassing = summary.results
      .filter((result) => result.outcome === 'passed' && allowed.has(result.test.id))
      .map((result) => result.test.id);
    if (nowPassing.length > 0) {
      console.log(`now passing (run suite:update to take them off the list): ${nowPassing.join(', ')}`);
    }
    expect(regressions).toEqual([]);
    // A batch of 934 programs: more than the default per-test time on a loaded machine.
  }, 120_000);
});
