import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  type ComponentContext,
  defineSource,
  ErrorCode,
  type OptionProblem,
  refuseInvalidOptions,
  SluiceError,
  type Source,
  SPECIFICATION_VERSION,
  type ValidationContext,
} from '@sluice/component-api';
import { lockCheckpoints } from './checkpoint-lock.js';
import { FileServer } from './file-server.js';
import { compileExclude, compileInclude } from './glob.js';
import { type FileOperations, nodeFileOperations } from './io.js';
import { type MultilineMode, type MultilineRules, rustRegExp } from './multiline.js';
import { fileSourceOptionsSchema } from './schema.js';
import type { FileServerSettings } from './settings.js';

/** The options of Vector's `file` source (`src/sources/file.rs`), and `max_open_files`. */
export interface FileSourceOptions {
  include: string[];
  exclude: string[];
  file_key: string;
  host_key?: string;
  offset_key?: string;
  read_from: 'beginning' | 'end';
  ignore_checkpoints?: boolean;
  /** Deprecated (Vector): `true` makes `ignore_checkpoints` default to true. */
  start_at_beginning?: boolean;
  ignore_older_secs?: number;
  max_line_bytes: number;
  max_read_bytes: number;
  line_delimiter: string;
  fingerprint?: {
    strategy?: 'checksum' | 'device_and_inode';
    lines?: number;
    ignored_header_bytes?: number;
    /** Removed from Vector (0.51): accepted, ignored with a warning. */
    bytes?: number;
  };
  glob_minimum_cooldown_ms: number;
  ignore_not_found: boolean;
  multiline?: {
    start_pattern: string;
    condition_pattern: string;
    mode: MultilineMode;
    timeout_ms: number;
  };
  /** Deprecated (Vector): a multiline start pattern with mode halt_before. */
  message_start_indicator?: string;
  multi_line_timeout: number;
  encoding?: { charset: string };
  oldest_first: boolean;
  remove_after_secs?: number;
  rotate_wait_secs?: number;
  data_dir?: string;
  internal_metrics?: { include_file_tag?: boolean };
  /** Deprecated in Vector, and without effect there too: acknowledgements are a sink setting. */
  acknowledgements?: boolean | { enabled?: boolean };
  log_namespace?: boolean;
  /** Sluice extension: descriptors held at most (files beyond are closed while idle). */
  max_open_files?: number;
}

/** How a charset's text is cut into lines: the delimiter's bytes, and the width of its code units. */
function charsetOf(
  charset: string | undefined,
  delimiter: string,
): { delimiter: Buffer; unit: 1 | 2; decode?: (bytes: Buffer) => string } {
  if (charset === undefined) return { delimiter: Buffer.from(delimiter, 'utf8'), unit: 1 };
  const decoder = new TextDecoder(charset);
  const encoding = decoder.encoding;
  if (encoding === 'utf-8') return { delimiter: Buffer.from(delimiter, 'utf8'), unit: 1 };
  const decode = (bytes: Buffer) => decoder.decode(bytes);
  if (encoding === 'utf-16le') return { delimiter: Buffer.from(delimiter, 'utf16le'), unit: 2, decode };
  if (encoding === 'utf-16be')
    return { delimiter: Buffer.from(delimiter, 'utf16le').swap16(), unit: 2, decode };
  // Every other WHATWG encoding keeps ASCII as ASCII: the delimiter's bytes are the same.
  return { delimiter: Buffer.from(delimiter, 'latin1'), unit: 1, decode };
}

function multilineRulesOf(options: FileSourceOptions): MultilineRules | undefined {
  if (options.multiline !== undefined)
    return {
      start: rustRegExp(options.multiline.start_pattern),
      condition: rustRegExp(options.multiline.condition_pattern),
      mode: options.multiline.mode,
      timeoutMs: options.multiline.timeout_ms,
    };
  if (options.message_start_indicator !== undefined) {
    // Vector's `Config::for_legacy`: the indicator starts a message and halts the previous one.
    const marker = rustRegExp(options.message_start_indicator);
    return { start: marker, condition: marker, mode: 'halt_before', timeoutMs: options.multi_line_timeout };
  }
  return undefined;
}

/** The checks of the options alone: patterns, regular expressions, charset, delimiter, data_dir. */
export function fileSourceProblems(options: FileSourceOptions, context: ValidationContext): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (options.include.length === 0) problem('include', 'must contain at least one file pattern');
  options.include.forEach((pattern, index) => {
    try {
      compileInclude(pattern);
    } catch (error) {
      problem(`include[${index}]`, (error as Error).message);
    }
  });
  options.exclude.forEach((pattern, index) => {
    try {
      compileExclude(pattern);
    } catch (error) {
      problem(`exclude[${index}]`, (error as Error).message);
    }
  });
  for (const [path, pattern] of [
    ['multiline.start_pattern', options.multiline?.start_pattern],
    ['multiline.condition_pattern', options.multiline?.condition_pattern],
    ['message_start_indicator', options.message_start_indicator],
  ] as const) {
    if (pattern === undefined) continue;
    try {
      rustRegExp(pattern);
    } catch (error) {
      problem(path, `is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (options.line_delimiter === '') problem('line_delimiter', 'must not be empty');
  if (options.encoding !== undefined) {
    let encoding: string | undefined;
    try {
      encoding = new TextDecoder(options.encoding.charset).encoding;
    } catch {
      problem(
        'encoding.charset',
        `"${options.encoding.charset}" is not an encoding label of the WHATWG Encoding Standard`,
      );
    }
    const ascii = [...options.line_delimiter].every((char) => (char.codePointAt(0) ?? 0) < 0x80);
    if (encoding !== undefined && !encoding.startsWith('utf-') && !ascii)
      problem('line_delimiter', `must be ASCII with encoding.charset = "${options.encoding.charset}"`);
  }
  if (options.data_dir === undefined && context.dataDir === undefined)
    problem(
      'data_dir',
      "the file source keeps its checkpoints in a data directory: set the global data_dir or this source's data_dir",
    );
  if (options.log_namespace === true)
    problem('log_namespace', "Sluice implements Vector's legacy log namespace only (log_namespace = false)");
  return problems;
}

/**
 * The default `max_open_files`: a quarter of the open-file limit (`ulimit -n`), at most 10,000, so
 * the files never take the descriptors the sinks, buffers and sockets need. Vector holds every
 * watched file open and fails when there are more files than descriptors.
 */
export function defaultMaxOpenFiles(limits?: string): number {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return 256;
    }
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  if (soft === undefined) return 256;
  if (soft === 'unlimited') return 10_000;
  return Math.min(10_000, Math.max(16, Math.floor(Number(soft) / 4)));
}

const NEVER_MS = Number.MAX_SAFE_INTEGER;

/** What tests may replace: the file operations (to inject failures), the checkpoint retention. */
export interface FileSourceHooks {
  files?: FileOperations;
  deadRetentionMs?: number;
}

/** Vector keeps the checkpoint of a file gone for good 60 s. */
const DEAD_RETENTION_MS = 60_000;

/**
 * Creates a running file source (a `FileServer`), its checkpoint directory locked for this process
 * (refused when another process holds it).
 */
export async function createFileSource(
  options: FileSourceOptions,
  context: Pick<ComponentContext, 'id' | 'logger' | 'metrics' | 'dataDir'>,
  hooks: FileSourceHooks = {},
): Promise<Source> {
  refuseInvalidOptions(fileSourceProblems(options, { dataDir: context.dataDir }));
  const warn = (message: string) => context.logger.warn(message);
  if (options.start_at_beginning !== undefined)
    warn('`start_at_beginning` is deprecated: use `ignore_checkpoints` and `read_from` instead');
  if (options.message_start_indicator !== undefined)
    warn('`message_start_indicator` and `multi_line_timeout` are deprecated: use `multiline` instead');
  if (options.fingerprint?.bytes !== undefined)
    warn('`fingerprint.bytes` is no longer supported (as in Vector): the first lines are checksummed');
  if (options.acknowledgements !== undefined)
    warn(
      'the source-level `acknowledgements` is deprecated and has no effect: enable acknowledgements on the sinks',
    );
  const directory = join(options.data_dir ?? (context.dataDir as string), context.id);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new SluiceError(
      ErrorCode.componentCreate,
      `cannot create the checkpoint directory ${directory}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const charset = charsetOf(options.encoding?.charset, options.line_delimiter);
  const fingerprint = options.fingerprint ?? {};
  const settings: FileServerSettings = {
    include: options.include.map(compileInclude),
    exclude: options.exclude.map(compileExclude),
    readFrom: options.read_from,
    // Vector's `reconcile_position_options`.
    ignoreCheckpoints: options.ignore_checkpoints ?? options.start_at_beginning === true,
    ignoreBefore:
      options.ignore_older_secs === undefined ? undefined : Date.now() - options.ignore_older_secs * 1000,
    split: { delimiter: charset.delimiter, unit: charset.unit, maxLineBytes: options.max_line_bytes },
    decode: charset.decode,
    fingerprint:
      fingerprint.strategy === 'device_and_inode'
        ? { strategy: 'device_and_inode' }
        : {
            strategy: 'checksum',
            lines: fingerprint.lines ?? 1,
            ignoredHeaderBytes: fingerprint.ignored_header_bytes ?? 0,
          },
    globCooldownMs: options.glob_minimum_cooldown_ms,
    ignoreNotFound: options.ignore_not_found,
    oldestFirst: options.oldest_first,
    removeAfterMs: options.remove_after_secs === undefined ? undefined : options.remove_after_secs * 1000,
    rotateWaitMs:
      options.rotate_wait_secs === undefined ? NEVER_MS : Math.min(NEVER_MS, options.rotate_wait_secs * 1000),
    maxReadBytes: options.max_read_bytes,
    maxOpenFiles: options.max_open_files ?? defaultMaxOpenFiles(),
    multiline: multilineRulesOf(options),
    hostKey: options.host_key ?? 'host',
    hostname: hostname(),
    fileKey: options.file_key,
    offsetKey: options.offset_key,
    includeFileTag: options.internal_metrics?.include_file_tag === true,
    directory,
    deadRetentionMs: hooks.deadRetentionMs ?? DEAD_RETENTION_MS,
  };
  const lock = await lockCheckpoints(directory, context.logger);
  const server = new FileServer(settings, context, hooks.files ?? nodeFileOperations);
  return {
    run: (emit, signal) => server.run(emit, signal),
    close: async () => {
      try {
        await server.close();
      } finally {
        await lock.release();
      }
    },
  };
}

export const fileSource = defineSource<FileSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'file',
  description:
    "Tails files matched by glob patterns, with checkpoints that follow delivery, rotation and truncation handling (Vector's file source).",
  optionsSchema: fileSourceOptionsSchema,
  deprecatedOptions: {
    ignore_older: 'ignore_older_secs',
    glob_minimum_cooldown: 'glob_minimum_cooldown_ms',
    fingerprinting: 'fingerprint',
    remove_after: 'remove_after_secs',
    'fingerprint.fingerprint_bytes': 'fingerprint.bytes',
  },
  validate: fileSourceProblems,
  create: (options, context) => createFileSource(options, context),
});
