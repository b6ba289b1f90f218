import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  byteSizeOf,
  type ComponentContext,
  defineSink,
  finalizeEvents,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  type Sink,
  type SinkDefinition,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';
import {
  createFramedEncoder,
  type EncodingConfig,
  encodingOptionSchema,
  encodingProblems,
  parseTemplate,
  type SinkFramingConfig,
  sinkFramingOptionSchema,
  type Template,
  timezoneOffsetMinutes,
} from '@sluice/encoding';
import { encodingFailureHandler } from './encoding-failures.js';
import { type FileCompression, OutFile, zstdProblem } from './out-file.js';
import { confine, confinementBase, staysUnder } from './path-confinement.js';

export interface FileSinkOptions {
  /** A template: `{{ field }}` and strftime specifiers (`%Y-%m-%d`), as Vector renders them. */
  path: string;
  encoding?: EncodingConfig;
  framing?: SinkFramingConfig;
  compression?: FileCompression;
  /** Seconds a file may stay open without a write (default 30, as Vector). */
  idle_timeout_secs?: number;
  /** Where strftime specifiers are read: `local` or an IANA name; default UTC. */
  timezone?: string;
  base_dir?: string;
  dangerously_allow_unconfined_template_resolution?: boolean;
}

const DEFAULT_IDLE_TIMEOUT_SECS = 30;

/** The path template, its confinement base, and the problems of the options (Vector's build checks). */
function planPath(options: FileSinkOptions): {
  template?: Template;
  base?: string;
  problems: OptionProblem[];
} {
  const problems: OptionProblem[] = [];
  let offsetMinutes: number | undefined;
  if (options.timezone !== undefined) {
    offsetMinutes = timezoneOffsetMinutes(options.timezone);
    if (offsetMinutes === undefined)
      problems.push({
        path: 'timezone',
        message: `unknown time zone "${options.timezone}" (an IANA name, or "local")`,
      });
  }
  let template: Template;
  try {
    template = parseTemplate(options.path, { offsetMinutes });
  } catch (error) {
    problems.push({ path: 'path', message: (error as Error).message });
    return { problems };
  }
  if (options.dangerously_allow_unconfined_template_resolution === true) return { template, problems };
  const { base, problem } = confinementBase(template, options.base_dir);
  if (problem !== undefined)
    problems.push({ path: options.base_dir === undefined ? 'path' : 'base_dir', message: problem });
  return { template, base, problems };
}

function fileSinkProblems(options: FileSinkOptions): OptionProblem[] {
  const problems = [...encodingProblems(options.encoding), ...planPath(options).problems];
  if (options.compression === 'zstd') {
    const zstd = zstdProblem();
    if (zstd !== undefined) problems.push({ path: 'compression', message: zstd });
  }
  return problems;
}

/**
 * Appends events to the files their path template names (created with their directories), as
 * Vector's file sink: `{{ field }}` and strftime in the path, confined to a base directory, gzip or
 * zstd compression, and a file closed (flushed, synced) after `idle_timeout_secs` without a write.
 * A path that cannot be rendered, confined, opened or written rejects its events (counted,
 * logged) and the sink goes on; a failed sync or close is counted, never thrown. Beyond Vector, a
 * compressed file is flushed before its events are acknowledged.
 */
export function createFileSink(options: FileSinkOptions, context: ComponentContext): Sink {
  refuseInvalidOptions(fileSinkProblems(options));
  const { template, base } = planPath(options) as { template: Template; base?: string };
  if (options.dangerously_allow_unconfined_template_resolution === true)
    context.logger.warn(
      'SECURITY: dangerously_allow_unconfined_template_resolution is set: the path is NOT confined; a log producer that controls a field of the path can write anywhere this process may',
    );
  const compression = options.compression ?? 'none';
  const idleMs = (options.idle_timeout_secs ?? DEFAULT_IDLE_TIMEOUT_SECS) * 1000;
  const encoder = createFramedEncoder(options.encoding, options.framing);
  const rejectUnencodable = encodingFailureHandler(context);
  const sentEvents = context.metrics.counter('component_sent_events_total');
  const sentEventBytes = context.metrics.counter('component_sent_event_bytes_total');
  const sentBytes = context.metrics.counter('component_sent_bytes_total');
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const openFiles = context.metrics.gauge('open_files');
  const templateErrors = context.metrics.counter('component_errors_total', {
    error_type: 'template_failed',
    stage: 'processing',
  });
  const confinementErrors = context.metrics.counter('component_errors_total', {
    error_type: 'confinement_failed',
    stage: 'processing',
  });
  const warn = rateLimitedLog(context.logger, 'warn');
  const warnConfined = rateLimitedLog(context.logger, 'error');
  const ioErrors = new Map<FileErrorCode, { increment(value?: number): void }>();
  const logIoError = rateLimitedLog(context.logger, 'error');
  /**
   * As Vector's `FileIoError`: one error counted per failed call, the events of that path rejected
   * and counted discarded; the sink goes on with the other paths.
   */
  const ioFailed = (code: FileErrorCode, error: unknown, path: string, events: readonly LogEvent[]) => {
    let counter = ioErrors.get(code);
    if (counter === undefined) {
      counter = context.metrics.counter('component_errors_total', {
        error_code: code,
        error_type: 'io_failed',
        stage: 'sending',
      });
      ioErrors.set(code, counter);
    }
    counter.increment();
    logIoError(FILE_ERROR_MESSAGES[code], { path, error: String(error), error_code: code });
    if (events.length === 0) return;
    finalizeEvents(events, 'rejected');
    discarded.increment(events.length);
  };
  const reject = (event: LogEvent) => {
    finalizeEvents([event], 'rejected');
    discarded.increment();
  };
  /** The file path of an event, or undefined (the event rejected, counted, logged). */
  const pathOf = (event: LogEvent): string | undefined => {
    const rendered = template.render(event.fields);
    if ('missing' in rendered) {
      reject(event);
      templateErrors.increment();
      warn('event rejected: a field of the path template is missing', {
        path: options.path,
        missing_keys: rendered.missing.join(', '),
      });
      return undefined;
    }
    if (base === undefined) return rendered.text;
    const confined = confine(rendered.text, base);
    if ('problem' in confined) {
      reject(event);
      confinementErrors.increment();
      warnConfined('Rendered path is outside the configured base directory; dropping event.', {
        base_dir: base,
        error: confined.problem,
      });
      return undefined;
    }
    return confined.path;
  };

  return {
    // Each batch is finalized before the next is pulled.
    maxHeldEvents: 0,
    async run(input) {
      const files = new Map<string, { file: OutFile; timer?: NodeJS.Timeout }>();
      // Writes and idle closes run one at a time, in order.
      let work: Promise<void> = Promise.resolve();
      const serially = (step: () => Promise<void>) => {
        work = work.then(step);
        return work;
      };
      const close = async (path: string) => {
        const open = files.get(path);
        if (open === undefined) return;
        files.delete(path);
        clearTimeout(open.timer);
        openFiles.set(files.size);
        for (const error of await open.file.close()) ioFailed('failed_closing_file', error, path, []);
      };
      /** The open file of `path`; a failed open is not kept, the next event of the path tries again. */
      const fileFor = async (path: string) => {
        const open = files.get(path);
        if (open !== undefined) return open;
        const directory = dirname(path);
        await mkdir(directory, { recursive: true });
        // A symbolic link in the path must not lead out of the base (Vector's verify_parent).
        if (base !== undefined && !(await staysUnder(directory, base)))
          throw new ConfinementError(`"${directory}" resolves outside the base directory "${base}"`);
        const created: { file: OutFile; timer?: NodeJS.Timeout } = {
          file: await OutFile.open(path, compression),
        };
        files.set(path, created);
        openFiles.set(files.size);
        return created;
      };
      const write = async (path: string, events: LogEvent[]) => {
        const { bytes: chunk, written, failed } = encoder.encodeBatch(events);
        await rejectUnencodable(failed);
        if (written.length === 0) return;
        let open: { file: OutFile; timer?: NodeJS.Timeout };
        try {
          open = await fileFor(path);
        } catch (error) {
          if (error instanceof ConfinementError) {
            for (const event of written) reject(event);
            confinementErrors.increment(written.length);
            warnConfined('Rendered path is outside the configured base directory; dropping event.', {
              error: error.message,
            });
          } else ioFailed('failed_opening_file', error, path, written);
          return;
        }
        let bytesOut: number;
        try {
          bytesOut = await open.file.write(chunk);
        } catch (error) {
          ioFailed('failed_writing_file', error, path, written);
          await close(path);
          return;
        }
        clearTimeout(open.timer);
        open.timer = setTimeout(() => void serially(() => close(path)), idleMs);
        open.timer.unref();
        finalizeEvents(written, 'delivered');
        sentEvents.increment(written.length);
        sentEventBytes.increment(byteSizeOf(written));
        sentBytes.increment(bytesOut);
      };
      try {
        for await (const batch of untilAborted(input, context.signal)) {
          const byPath = new Map<string, LogEvent[]>();
          for (const event of batch) {
            const path = pathOf(event);
            if (path === undefined) continue;
            const group = byPath.get(path);
            if (group === undefined) byPath.set(path, [event]);
            else group.push(event);
          }
          await serially(async () => {
            for (const [path, events] of byPath) await write(path, events);
          });
        }
      } finally {
        await serially(async () => {
          for (const path of [...files.keys()]) await close(path);
        });
      }
    },
  };
}

class ConfinementError extends Error {}

type FileErrorCode = 'failed_opening_file' | 'failed_writing_file' | 'failed_closing_file';

/** Vector's messages for its `FileIoError` codes. */
const FILE_ERROR_MESSAGES: Record<FileErrorCode, string> = {
  failed_opening_file: 'Unable to open the file.',
  failed_writing_file: 'Failed to write the file.',
  failed_closing_file: 'Failed to close file.',
};

export const fileSink: SinkDefinition<FileSinkOptions> = defineSink<FileSinkOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'file',
  description:
    'Appends events to files, one per line; the path renders `{{ field }}` and strftime (`%Y-%m-%d`) as Vector, confined to a base directory; gzip or zstd.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: {
        type: 'string',
        minLength: 1,
        description:
          'The file to append to, a template as Vector\'s: `{{ field.path }}` is replaced by that field of each event (an event without it is rejected), strftime specifiers (`%Y-%m-%d`) by its timestamp, e.g. "/var/log/vector/{{ app }}-%Y-%m-%d.log". A path naming fields is confined to base_dir, or to the directory of its literal prefix.',
        examples: ['/var/log/sluice/%Y-%m-%d.log'],
      },
      base_dir: {
        type: 'string',
        description:
          "The absolute directory every rendered path must stay in (after `..` and symbolic links are resolved); events whose path leaves it are rejected. Default: the directory of the path's literal prefix, when the path names fields.",
      },
      dangerously_allow_unconfined_template_resolution: {
        type: 'boolean',
        default: false,
        description:
          'Do not confine the path (warned at start): a log producer that controls a field of the path can write anywhere this process may.',
      },
      compression: {
        type: 'string',
        enum: ['none', 'gzip', 'zstd'],
        default: 'none',
        description:
          'Compress each file as a stream (the extension in the path is yours to write, as in Vector); zstd needs Node 22.15+ / 23.8+. Flushed before its events are acknowledged.',
      },
      idle_timeout_secs: {
        type: 'integer',
        minimum: 0,
        default: DEFAULT_IDLE_TIMEOUT_SECS,
        description:
          'A file without a write for this long is flushed, synced and closed (a compressed one finished).',
      },
      timezone: {
        type: 'string',
        description:
          'The time zone of the strftime specifiers: "local" or an IANA name ("Europe/Berlin"). Default: UTC.',
      },
      encoding: encodingOptionSchema,
      framing: sinkFramingOptionSchema,
    },
  },
  validate: fileSinkProblems,
  create: (options, context) => createFileSink(options, context),
});
