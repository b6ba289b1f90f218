import { defineConfig } from 'vitest/config';
import { sluiceTestProjects } from '../../vitest.shared.js';

/**
 * Besides unit and integration: `release` (`*.release.test.ts`), run by `pnpm test:release` after
 * `pnpm release:build`. It installs the .deb, so it runs where CI runs, as root, not in `pnpm test`.
 */
const projects = sluiceTestProjects().map((project) => ({
  ...project,
  test: {
    ...project.test,
    exclude: [...(project.test?.exclude ?? ['**/node_modules/**']), '**/*.release.test.ts'],
  },
}));

export default defineConfig({
  test: {
    projects: [
      ...projects,
      {
        extends: true,
        test: {
          name: 'release',
          include: ['src/**/*.release.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
