import { memoryBufferDefinition } from './memory-buffer.js';

export type { MemoryBufferOptions } from './memory-buffer.js';
export { DEFAULT_MAX_EVENTS, MemoryBuffer, memoryBufferDefinition } from './memory-buffer.js';

export default [memoryBufferDefinition];
