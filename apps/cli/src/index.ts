export { builtinRegistry } from './builtins.js';
export type { LoadedConfig, LoadOptions } from './config-files.js';
export { loadConfig, parseConfigText, resolveConfigPaths } from './config-files.js';
export { DEFAULT_HEAP_LIMIT_MIB, growHeapAsMeasured, heapFlags } from './heap.js';
export { interpolateText, MAX_INTERPOLATED_VALUE_BYTES } from './interpolate.js';
export type { Io } from './main.js';
export { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main } from './main.js';
export { referenceFileName, renderReferencePages } from './reference.js';
export { configSchema } from './schema.js';
