import { join } from 'node:path';
import { defineBuffer, ErrorCode, SluiceError, SPECIFICATION_VERSION } from '@sluice/component-api';
import { DiskBuffer } from './disk-buffer.js';

export interface DiskBufferStageOptions {
  max_size: number;
  max_data_file_size: number;
  sync_interval_ms: number;
}

export const DEFAULT_MAX_DATA_FILE_SIZE = 128 * 1024 * 1024;
export const LEDGER_RESERVED_BYTES = 32;
/** Vector's minimum: two 128 MiB data files plus the ledger (268,435,488 bytes). */
export const DEFAULT_MINIMUM_MAX_SIZE = 2 * DEFAULT_MAX_DATA_FILE_SIZE + LEDGER_RESERVED_BYTES;

export function minimumMaxSize(maxDataFileSize: number): number {
  return 2 * maxDataFileSize + LEDGER_RESERVED_BYTES;
}

export const diskBufferDefinition = defineBuffer<DiskBufferStageOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'buffer',
  type: 'disk',
  description:
    'A durable write-ahead log on disk under <data_dir>/buffer/<sink id>/: survives restarts and crashes.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['max_size'],
    properties: {
      max_size: {
        type: 'integer',
        minimum: 1,
        description:
          'Hard limit of the files on disk, in bytes. At least two data files plus the ledger (268435488 with the default data file size).',
      },
      max_data_file_size: {
        type: 'integer',
        minimum: 4096,
        default: DEFAULT_MAX_DATA_FILE_SIZE,
        description:
          'Size at which a data file is rolled (128 MiB). Smaller values suit tests and small deployments.',
      },
      sync_interval_ms: {
        type: 'integer',
        minimum: 1,
        default: 500,
        description:
          'How often written data is made durable (fsync), in milliseconds; also at file roll and shutdown.',
      },
    },
  },
  async create(options, context) {
    if (options.max_size < minimumMaxSize(options.max_data_file_size)) {
      throw new SluiceError(
        ErrorCode.configInvalid,
        `sink "${context.sinkId}", buffer stage ${context.stageIndex}: max_size must be at least ${minimumMaxSize(options.max_data_file_size)} bytes (two data files of ${options.max_data_file_size} bytes plus the ledger); got ${options.max_size}`,
      );
    }
    if (context.dataDir === undefined) {
      throw new SluiceError(
        ErrorCode.configInvalid,
        `sink "${context.sinkId}": a disk buffer needs the global data_dir`,
      );
    }
    return DiskBuffer.open({
      directory: join(context.dataDir, 'buffer', context.sinkId),
      maxSize: options.max_size,
      maxDataFileSize: options.max_data_file_size,
      syncIntervalMs: options.sync_interval_ms,
      logger: context.logger,
      metrics: context.metrics,
    });
  },
});
