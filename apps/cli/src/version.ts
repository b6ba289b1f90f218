import { readFileSync } from 'node:fs';

/** Set by the single executable's bundler, which ships no package.json next to the code. */
declare const SLUICE_BUNDLED_VERSION: string | undefined;

/** This package's version (`sluice --version`, `build_info`). */
export const version =
  typeof SLUICE_BUNDLED_VERSION === 'string'
    ? SLUICE_BUNDLED_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
        .version;
