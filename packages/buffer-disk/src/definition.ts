import { join } from 'node:path';
import {
  defineBuffer,
  type OptionProblem,
  refuseInvalidOptions,
  SPECIFICATION_VERSION,
  type ValidationContext,
} from '@sluice/component-api';
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

/** The checks of the options alone: `max_size` holds two data files and the ledger; `data_dir` is set. */
function problemsOf(options: DiskBufferStageOptions, context: ValidationContext): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const minimum = minimumMaxSize(options.max_data_file_size);
  if (options.max_size < minimum)
    problems.push({
      path: 'max_size',
      message: `must be at least ${minimum} bytes (two data files of ${options.max_data_file_size} bytes plus the ledger); got ${options.max_size}`,
    });
  if (context.dataDir === undefined)
    problems.push({ path: 'type', message: 'a disk buffer needs the global data_dir to be set' });
  return problems;
}

export const diskBufferDefinition = defineBuffer<DiskBufferStageOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'buffer',
  type: 'disk',
  capabilities: { durable: true, sinkDirectory: true },
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
  validate: problemsOf,
  async create(options, context) {
    // `validate` ran when the config was planned; a direct caller gets the same refusal.
    refuseInvalidOptions(problemsOf(options, context));
    return DiskBuffer.open({
      directory: join(context.dataDir as string, 'buffer', context.sinkId),
      maxSize: options.max_size,
      maxDataFileSize: options.max_data_file_size,
      syncIntervalMs: options.sync_interval_ms,
      logger: context.logger,
      metrics: context.metrics,
      signal: context.signal,
    });
  },
});
