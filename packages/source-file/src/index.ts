import { fileSource } from './file-source.js';

export type { FileSourceHooks, FileSourceOptions } from './file-source.js';
export { createFileSource, defaultMaxOpenFiles, fileSource } from './file-source.js';
export type { FileOperations } from './io.js';
export { nodeFileOperations } from './io.js';
export { fileSourceOptionsSchema } from './schema.js';

export default [fileSource];
