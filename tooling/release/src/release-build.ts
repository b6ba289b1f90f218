import { buildRelease } from './build.js';

await buildRelease();
