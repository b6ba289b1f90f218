import { defineConfig } from 'vitest/config';

// Standalone: the @sluice packages are used as published (their built `dist`).
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 } });
