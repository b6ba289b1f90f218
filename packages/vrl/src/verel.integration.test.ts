import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSuite } from './test-helpers/suite.js';
import {
  agree,
  GENERATED_EVENT,
  generateExpression,
  type Outcome,
  randomSource,
  runOwn,
  runVerel,
} from './test-helpers/verel.js';
import { cloneValue } from './value/value.js';

/**
 * The differential test: every program of VRL's suite (but those whose result varies: `now()`,
 * random values) through this engine and through `@bpinternal/verel`, the Rust VRL compiled to
 * WebAssembly. They must agree, but for the differences documented in
 * `test-data/verel-differences.json` (mostly VRL versions: verel carries an older VRL). Programs
 * calling a function not implemented here yet are counted, not compared.
 */

const DIFFERENCES = new URL('../test-data/verel-differences.json', import.meta.url).pathname;
const VARYING = /\b(now|uuid_v4|uuid_v7|random_[a-z]+|get_hostname|get_env_var|log)\s*!?\(/;

describe('differential test against verel', () => {
  it('agrees with verel on the programs of VRL suite, but for the documented differences', () => {
    const tests = loadSuite().filter(
      (test) => !test.skip && !test.checkTypeOnly && !VARYING.test(test.source),
    );
    const disagreements: Record<string, { ours: Outcome; verel: Outcome }> = {};
    let agreed = 0;
    let refused = 0;
    for (const test of tests) {
      const ours = runOwn(test.source, cloneValue(test.object));
      if (ours.type === 'refused') {
        refused++;
        continue;
      }
      const theirs = runVerel(test.source, cloneValue(test.object));
      if (agree(ours, theirs)) agreed++;
      else disagreements[test.id] = { ours, verel: theirs };
    }
    console.log(
      `verel: ${agreed} agree, ${Object.keys(disagreements).length} differ, ${refused} not compared (function not implemented) of ${tests.length}`,
    );
    const documented = JSON.parse(readFileSync(DIFFERENCES, 'utf8')) as Record<string, unknown>;
    const undocumented = Object.keys(disagreements).filter((id) => !(id in documented));
    expect(undocumented.map((id) => ({ id, ...disagreements[id] }))).toEqual([]);
    // A documented difference that went away must leave the list (it would hide a regression).
    expect(Object.keys(documented).filter((id) => !(id in disagreements))).toEqual([]);
  });

  it('agrees with verel on generated programs (operators, coercions, errors handled or not)', () => {
    const random = randomSource(28);
    const disagreements: string[] = [];
    let compared = 0;
    const forms = [
      (expression: string) => `.result = ${expression}\n.`,
      (expression: string) => `.result, .error = ${expression}\n.`,
      (expression: string) => `.result = ${expression} ?? "failed"\n.`,
    ];
    for (let index = 0; index < 600; index++) {
      // Errors unhandled (VRL's checks refuse most), assigned (`x, err =`), or coalesced.
      const source = (forms[index % forms.length] as (expression: string) => string)(
        generateExpression(random, 3),
      );
      const ours = runOwn(source, cloneValue(GENERATED_EVENT));
      if (ours.type === 'refused') continue;
      const theirs = runVerel(source, cloneValue(GENERATED_EVENT));
      compared++;
      if (!agree(ours, theirs)) {
        disagreements.push(`${source}\n  ours:  ${JSON.stringify(ours)}\n  verel: ${JSON.stringify(theirs)}`);
      }
    }
    console.log(`verel, generated programs: ${compared - disagreements.length} of ${compared} agree`);
    expect(disagreements).toEqual([]);
  });
});
