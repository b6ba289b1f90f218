import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ReadOnlyPath } from '../compiler/compiler.js';
import { parseTimestampLiteral } from '../compiler/timestamp.js';
import { CompileError } from '../diagnostic/diagnostic.js';
import { formatDiagnostics } from '../diagnostic/format.js';
import { type CompileOptions, compile as compileProgram } from '../program.js';
import { standardLibrary } from '../stdlib/index.js';
import { lossyText } from '../stdlib/raw-bytes.js';
import { VRL_FUNCTION_NAMES } from '../stdlib/vrl-function-names.js';
import type { Segment } from '../type/kind.js';
import { formatTimestamp } from '../value/display.js';
import { encodeJson, parseJson } from '../value/json.js';
import { VrlRegex } from '../value/regex.js';
import {
  numberOfValue,
  type ObjectValue,
  sortedKeys,
  Tag,
  tagOf,
  type Value,
  valuesEqual,
} from '../value/value.js';

/**
 * Runs VRL's own test suite (the imported `test-data/vrl`) the way VRL's harness does
 * (`vrl/src/test`): the expected result of a program is in its comments, a diagnostic is compared
 * as VRL prints it, a value as JSON with integers and floats kept apart.
 */

export const SUITE_DIRECTORY = new URL('../../test-data/vrl/', import.meta.url).pathname;

export interface SuiteTest {
  /** `category/name`, unique. */
  id: string;
  category: string;
  name: string;
  source: string;
  object: Value;
  /** Why the test file itself is unusable (its object is not JSON). */
  invalid?: string;
  result: string;
  resultApprox: boolean;
  skip: boolean;
  checkDiagnostics: boolean;
  checkTypeOnly: boolean;
  readOnlyPaths: ReadOnlyPath[];
  file: string;
}

export type Outcome = 'passed' | 'failed' | 'refused';

export interface TestResult {
  test: SuiteTest;
  outcome: Outcome;
  /** What went wrong (failed) or which function is missing (refused). */
  detail: string;
}

export function loadSuite(directory = SUITE_DIRECTORY): SuiteTest[] {
  const tests: SuiteTest[] = [];
  const testDirectory = join(directory, 'tests');
  for (const file of vrlFiles(testDirectory)) tests.push(testFromFile(testDirectory, file));
  const examples = JSON.parse(readFileSync(join(directory, 'function-examples.json'), 'utf8')) as {
    function: string;
    title: string;
    source: string;
    input?: string;
    result: { ok: string } | { error: string };
    deterministic: boolean;
    skip: boolean;
    file: string;
    line: number;
  }[];
  for (const example of examples) {
    tests.push({
      id: `functions/${example.function}/${example.title}`,
      category: `functions/${example.function}`,
      name: example.title,
      source: example.source,
      object: example.input === undefined ? {} : parseJson(example.input),
      result: 'ok' in example.result ? example.result.ok : example.result.error,
      resultApprox: false,
      skip: example.skip,
      checkDiagnostics: false,
      checkTypeOnly: !example.deterministic,
      readOnlyPaths: [],
      file: `${example.file}:${example.line}`,
    });
  }
  const seen = new Map<string, number>();
  for (const test of tests) {
    const count = seen.get(test.id) ?? 0;
    seen.set(test.id, count + 1);
    if (count > 0) test.id = `${test.id} #${count + 1}`;
  }
  return tests;
}

function vrlFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...vrlFiles(path));
    else if (entry.endsWith('.vrl')) files.push(path);
  }
  return files;
}

/** `Test::from_path`: comments before the program hold `object:`, `result:` and read-only paths. */
function testFromFile(root: string, file: string): SuiteTest {
  const content = readFileSync(file, 'utf8');
  const relativePath = relative(root, file);
  const slash = relativePath.lastIndexOf('/');
  const category =
    relativePath === 'example.vrl'
      ? 'uncategorized'
      : slash < 0
        ? relativePath
        : relativePath.slice(0, slash);
  const name = relativePath
    .slice(slash + 1)
    .replace(/\.vrl$/, '')
    .replaceAll('_', ' ');
  let source = '';
  let object = '';
  let result = '';
  let resultApprox = false;
  const readOnlyPaths: ReadOnlyPath[] = [];
  let mode: 'none' | 'result' | 'object' | 'done' = 'none';
  for (let line of content.split('\n').slice(0, content.endsWith('\n') ? -1 : undefined)) {
    if (line.startsWith('#') && mode !== 'done') {
      line = line.slice(1);
      if (line.startsWith(' ')) line = line.slice(1);
      const readOnly = /^read_only(_metadata)?(_recursive)?:(.*)$/.exec(line);
      if (line.startsWith('object:')) {
        mode = 'object';
        line = line.slice('object:'.length).trimStart();
      } else if (line.startsWith('result: ~')) {
        mode = 'result';
        resultApprox = true;
        line = line.slice('result: ~'.length).trimStart();
      } else if (line.startsWith('result:')) {
        mode = 'result';
        line = line.slice('result:'.length).trimStart();
      } else if (readOnly !== null) {
        readOnlyPaths.push({
          prefix: readOnly[1] === undefined ? 'event' : 'metadata',
          path: parsePath((readOnly[3] as string).trim()),
          recursive: readOnly[2] !== undefined,
        });
        continue;
      }
      if (mode === 'result') result += `${line}\n`;
      else if (mode === 'object') object += line;
    } else {
      mode = 'done';
      source += `${line}\n`;
    }
  }
  let parsedObject: Value = {};
  let invalid: string | undefined;
  if (object !== '') {
    try {
      parsedObject = parseJson(object);
    } catch (error) {
      invalid = `unable to parse object as JSON: ${(error as Error).message}`;
    }
  }
  const test: SuiteTest = {
    id: `${category}/${name}`,
    category,
    name,
    source,
    object: parsedObject,
    result: result.trimEnd(),
    resultApprox,
    skip: content.startsWith('# SKIP'),
    checkDiagnostics: content.startsWith('# DIAGNOSTICS'),
    checkTypeOnly: false,
    readOnlyPaths,
    file: relativePath,
  };
  if (invalid !== undefined) test.invalid = invalid;
  return test;
}

/** A path in `read_only:` comments (`.foo.bar[0]`). */
function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of text.matchAll(/\.?("(?:[^"\\]|\\.)*"|[A-Za-z0-9_@]+)|\[(-?\d+)\]/g)) {
    if (match[2] !== undefined) segments.push({ index: Number(match[2]) });
    else if (match[1] !== undefined)
      segments.push({ field: match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : match[1] });
  }
  return segments;
}

export interface SuiteOptions {
  compileOptions?: CompileOptions;
}

export function runTest(test: SuiteTest, options: SuiteOptions = {}): TestResult {
  if (test.invalid !== undefined) return { test, outcome: 'failed', detail: test.invalid };
  try {
    return runChecked(test, options);
  } catch (error) {
    return { test, outcome: 'failed', detail: `crashed: ${(error as Error).stack ?? String(error)}` };
  }
}

function runChecked(test: SuiteTest, options: SuiteOptions): TestResult {
  let program: ReturnType<typeof compileProgram>;
  try {
    program = compileProgram(test.source, {
      functions: standardLibrary,
      knownFunctionNames: VRL_FUNCTION_NAMES,
      ...options.compileOptions,
      readOnlyPaths: test.readOnlyPaths,
    });
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    const refused = error.diagnostics.find((diagnostic) => diagnostic.unsupportedFunction !== undefined);
    if (refused !== undefined)
      return { test, outcome: 'refused', detail: refused.unsupportedFunction as string };
    return compareDiagnostics(test, formatDiagnostics(test.source, error.diagnostics));
  }
  if (test.skip) return { test, outcome: 'passed', detail: 'compile only' };
  if (test.checkDiagnostics)
    return compareDiagnostics(test, formatDiagnostics(test.source, program.warnings));
  if (program.warnings.length > 0) {
    return {
      test,
      outcome: 'failed',
      detail: `unexpected warnings:${formatDiagnostics(test.source, program.warnings)}`,
    };
  }
  const object = structuredCloneValue(test.object);
  const result = program.run(object, { metadata: {}, timezone: 'UTC' });
  if (result.status === 'ok') {
    const got = toJsonValue(result.value);
    const want = expectedValue(test.result);
    const matches = test.checkTypeOnly ? jsonType(got) === jsonType(want) : valuesEqual(got, want);
    return matches
      ? { test, outcome: 'passed', detail: '' }
      : { test, outcome: 'failed', detail: `want ${encodeJson(want)}\n got ${encodeJson(got)}` };
  }
  const got = result.message.trim();
  const want = test.result.trim();
  if ((test.resultApprox && comparePartial(got, want)) || got === want)
    return { test, outcome: 'passed', detail: '' };
  if (result.status === 'abort') {
    const wantValue = expectedJson(want);
    const gotValue = toJsonValue(result.event);
    if (valuesEqual(gotValue, wantValue)) return { test, outcome: 'passed', detail: '' };
    return {
      test,
      outcome: 'failed',
      detail: `abort: want ${encodeJson(wantValue)}\n got ${encodeJson(gotValue)}`,
    };
  }
  return { test, outcome: 'failed', detail: `runtime error: want ${want}\n got ${got}` };
}

function compareDiagnostics(test: SuiteTest, formatted: string): TestResult {
  const got = formatted.trim();
  const want = test.result.trim();
  if ((test.resultApprox && comparePartial(got, want)) || got === want)
    return { test, outcome: 'passed', detail: '' };
  return { test, outcome: 'failed', detail: `diagnostics: want\n${want}\n got\n${got}` };
}

function comparePartial(got: string, want: string): boolean {
  const gotLines = got.split('\n').filter((line) => line.trim().startsWith('error[E'));
  const wantLines = want.trim().split('\n');
  const count = Math.min(gotLines.length, wantLines.length);
  for (let index = 0; index < count; index++)
    if (!(gotLines[index] as string).includes(wantLines[index] as string)) return false;
  return true;
}

/** The expected value as VRL's harness reads it: `r'…'`, `t'…'`, `s'…'`, JSON, or the raw text. */
function expectedValue(want: string): Value {
  if (want.startsWith("r'") && want.endsWith("'")) {
    try {
      return VrlRegex.compile(want.slice(2, -1).replaceAll("\\'", "'")).pattern;
    } catch {
      return want;
    }
  }
  if (want.startsWith("t'") && want.endsWith("'")) {
    const parsed = parseTimestampLiteral(want.slice(2, -1));
    return typeof parsed === 'string' ? want : formatTimestamp(parsed);
  }
  if (want.startsWith("s'") && want.endsWith("'")) return want.slice(2, -1);
  return expectedJson(want);
}

function expectedJson(want: string): Value {
  try {
    return parseJson(want.trim());
  } catch {
    return want;
  }
}

/** `vrl_value_to_json_value`: strings read as UTF-8 lossily, timestamps as RFC 3339, regexes as their pattern, infinite floats as null. */
export function toJsonValue(value: Value | undefined): Value {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return lossyText(value as string);
    case Tag.Timestamp:
      return formatTimestamp(value as Date);
    case Tag.Regex:
      return (value as VrlRegex).pattern;
    case Tag.Float:
      return Number.isFinite(numberOfValue(value as Value)) ? (value as Value) : null;
    case Tag.Null:
      return null;
    case Tag.Array:
      return (value as Value[]).map(toJsonValue);
    case Tag.Object: {
      const object = value as ObjectValue;
      const copy: ObjectValue = {};
      for (const key of sortedKeys(object)) copy[key] = toJsonValue(object[key]);
      return copy;
    }
    default:
      return value as Value;
  }
}

function jsonType(value: Value): string {
  const tag = tagOf(value);
  if (tag === Tag.Integer || tag === Tag.Float) return 'number';
  return String(tag);
}

function structuredCloneValue(value: Value): Value {
  return parseJson(encodeJson(value));
}

export interface SuiteSummary {
  passed: number;
  failed: number;
  refused: number;
  results: TestResult[];
}

export function runSuite(tests: SuiteTest[], options: SuiteOptions = {}): SuiteSummary {
  const results = tests.map((test) => runTest(test, options));
  return {
    passed: results.filter((result) => result.outcome === 'passed').length,
    failed: results.filter((result) => result.outcome === 'failed').length,
    refused: results.filter((result) => result.outcome === 'refused').length,
    results,
  };
}
