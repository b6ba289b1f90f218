import { readFileSync } from 'node:fs';

/** This package's version (`sluice --version`, `build_info`). */
export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
