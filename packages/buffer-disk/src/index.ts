import { diskBufferDefinition } from './definition.js';

export type { DiskBufferStageOptions } from './definition.js';
export {
  DEFAULT_MAX_DATA_FILE_SIZE,
  DEFAULT_MINIMUM_MAX_SIZE,
  diskBufferDefinition,
  minimumMaxSize,
} from './definition.js';
export type { DiskBufferOptions } from './disk-buffer.js';
export { DiskBuffer } from './disk-buffer.js';
export type { FileOperations } from './file-operations.js';
export { defaultFileOperations } from './file-operations.js';
export type { DiskBufferReport } from './inspect.js';
export { formatDiskBufferReport, inspectDiskBuffer } from './inspect.js';

export default [diskBufferDefinition];
