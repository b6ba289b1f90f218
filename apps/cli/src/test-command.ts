import type { Logger } from '@sluice/component-api';
import { EXIT_CONFIG, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';
import { load } from './load.js';
import type { GlobalOptions } from './options.js';

/**
 * `sluice test`: runs the config's unit tests as `vector test` does (output, exit codes): only the
 * transforms between each test's inputs and outputs, no source or sink. 0 when every test passed;
 * 78 (EX_CONFIG, as Vector) when one failed or could not be built.
 */
export async function runUnitTests(
  options: GlobalOptions,
  { color, junitReports }: { color: boolean; junitReports: readonly string[] },
  io: Io,
  logger: Logger,
): Promise<number> {
  const { default: colors } = await import('picocolors');
  const paint = colors.createColors(color);
  const { buildUnitTests, junitReport } = await import('./unit-test.js');
  io.stdout('Running tests\n');
  const { plan, tests: definitions } = await load(options, io, logger, { forUnitTests: true });
  const { tests, errors } = buildUnitTests(definitions, plan, logger);
  if (errors.length > 0) {
    io.stderr(`Failed to execute tests:\n${errors.join('\n')}.\n`);
    return EXIT_CONFIG;
  }
  if (tests.length === 0) {
    io.stdout(`${paint.yellow('No tests found.')}\n`);
    return EXIT_OK;
  }
  const results: Array<{ name: string; errors: string[]; milliseconds: number }> = [];
  for (const test of tests) {
    const started = performance.now();
    const testErrors = await test.run();
    results.push({ name: test.name, errors: testErrors, milliseconds: performance.now() - started });
    io.stdout(
      `test ${test.name} ... ${testErrors.length > 0 ? paint.red('failed') : paint.green('passed')}\n`,
    );
  }
  if (junitReports.length > 0) {
    const { writeFile } = await import('node:fs/promises');
    const { resolve } = await import('node:path');
    const report = junitReport(results);
    try {
      for (const path of junitReports) await writeFile(resolve(io.cwd, path), report);
    } catch (error) {
      logger.error(`Failed to write test output:\n${(error as Error).message}.`);
      return EXIT_CONFIG;
    }
  }
  const failures = results.filter((result) => result.errors.length > 0);
  if (failures.length === 0) return EXIT_OK;
  io.stdout('\nfailures:\n');
  for (const { name, errors: testErrors } of failures) {
    io.stdout(`\ntest ${name}:\n\n`);
    for (const error of testErrors) io.stdout(`${error}\n\n`);
  }
  return EXIT_CONFIG;
}
