import type { TestProjectInlineConfiguration } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, so tests never need a build first. */
const resolve = { conditions: ['@sluice/source', 'node', 'import', 'default'] };

/**
 * Two projects per package: `unit` (`*.test.ts`) and `integration` (`*.integration.test.ts`,
 * real servers and child processes, longer timeouts). Both fit two cores.
 */
export function sluiceTestProjects(): TestProjectInlineConfiguration[] {
  return [
    {
      extends: true,
      resolve,
      ssr: { resolve: { conditions: resolve.conditions } },
      test: {
        name: 'unit',
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        exclude: ['**/*.integration.test.ts', '**/node_modules/**', '**/dist/**'],
        testTimeout: 20_000,
      },
    },
    {
      extends: true,
      resolve,
      ssr: { resolve: { conditions: resolve.conditions } },
      test: {
        name: 'integration',
        include: ['src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
        testTimeout: 120_000,
        hookTimeout: 120_000,
        fileParallelism: false,
      },
    },
  ];
}
