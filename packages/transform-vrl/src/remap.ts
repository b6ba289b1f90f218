import {
  type Batch,
  ConfigError,
  defineTransform,
  type FieldMap,
  finalizeEvents,
  type LogEvent,
  type Logger,
  LogRateLimiter,
  type OptionProblem,
  type OutputBatches,
  rateLimitedLog,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { isTimeZone, type Program, type RuntimeError, type Value } from '@sluice/vrl';
import { pushEvents, withoutRegexes } from './events.js';
import { compileProgram, logWarnings, type ProgramSource, programText } from './program.js';

export interface RemapOptions extends ProgramSource {
  drop_on_error: boolean;
  drop_on_abort: boolean;
  reroute_dropped: boolean;
  timezone?: string;
  metric_tag_values: 'single' | 'full' | 'auto';
  runtime: 'ast';
}

/** The output of events dropped on an error or an abort, with `reroute_dropped` (`<id>.dropped`). */
export const DROPPED_OUTPUT = 'dropped';

/** Programs compiled when the options were validated, for `create` (options are frozen, then created). */
const compiledPrograms = new WeakMap<object, Program>();

/** The program of the options, or its problems (VRL's diagnostics at `source`, `file` or `files`). */
function programOf(options: RemapOptions): Program | OptionProblem[] {
  const cached = compiledPrograms.get(options);
  if (cached !== undefined) return cached;
  const text = programText(options);
  if ('problem' in text) return [text.problem];
  const compiled = compileProgram(text.text);
  if ('diagnostics' in compiled) return [{ path: text.path, message: compiled.diagnostics }];
  compiledPrograms.set(options, compiled.program);
  return compiled.program;
}

function problemsOf(options: RemapOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (options.timezone !== undefined && options.timezone !== '' && !isTimeZone(options.timezone))
    problems.push({ path: 'timezone', message: `No such time zone: ${JSON.stringify(options.timezone)}` });
  const program = programOf(options);
  if (Array.isArray(program)) problems.push(...program);
  return problems;
}

/** VRL's `log()` levels as the logger's. */
const LOG_LEVELS: Readonly<Record<string, keyof Omit<Logger, 'child'>>> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

/** Vector's `log()` rate limit (`rate_limit_secs`, 1 s by default). */
const LOG_FUNCTION_INTERVAL_MS = 1_000;

/** Metadata for programs that never read or write `%`: nothing ever touches it. */
const UNUSED_METADATA: FieldMap = Object.freeze({}) as FieldMap;

export const remapTransform = defineTransform<RemapOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'remap',
  description:
    'Changes events with a VRL program (Vector Remap Language), compiled once; events that fail pass unchanged, are dropped or rerouted to `<id>.dropped`.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      source: {
        type: 'string',
        description: 'The VRL program. One of source, file, files.',
        examples: ['.message = downcase(string!(.message))'],
      },
      file: {
        type: 'string',
        description: 'A file holding the VRL program (relative to the working directory).',
      },
      files: {
        type: 'array',
        items: { type: 'string' },
        description: 'Files whose programs run as one, in order.',
      },
      drop_on_error: {
        type: 'boolean',
        default: false,
        description:
          'Drop an event whose program fails at runtime (counted as discarded); otherwise it passes unchanged.',
      },
      drop_on_abort: {
        type: 'boolean',
        default: true,
        description: 'Drop an event whose program aborts (`abort`); otherwise it passes unchanged.',
      },
      reroute_dropped: {
        type: 'boolean',
        default: false,
        description:
          'Send dropped events, unchanged and annotated with `metadata.dropped` (reason, message, component), to the `<id>.dropped` output instead.',
      },
      timezone: {
        type: 'string',
        description:
          'The time zone of local times without an offset (parse_timestamp, to_timestamp…): a TZ database name or `local` (default: local time).',
      },
      metric_tag_values: {
        type: 'string',
        enum: ['single', 'full', 'auto'],
        default: 'single',
        description:
          "How Vector shows multi-valued metric tags; accepted, no effect: Sluice's metric tags hold one value.",
      },
      runtime: {
        type: 'string',
        enum: ['ast'],
        default: 'ast',
        description: "Vector's VRL runtime; only `ast`.",
      },
    },
  },
  validate: problemsOf,
  outputs: (options) => ({ default: true, named: options.reroute_dropped ? [DROPPED_OUTPUT] : [] }),
  create(options, context) {
    const program = programOf(options);
    if (Array.isArray(program))
      throw new ConfigError(program.map((problem) => ({ file: undefined, ...problem })));
    logWarnings(program, context.logger);
    const timezone = options.timezone === undefined || options.timezone === '' ? 'local' : options.timezone;
    const logLimiter = new LogRateLimiter({ intervalMs: LOG_FUNCTION_INTERVAL_MS, alike: 'similar' });
    const { drop_on_error: dropOnError, drop_on_abort: dropOnAbort, reroute_dropped: reroute } = options;
    // A failed run leaves the event as it came, to pass on or reroute (Vector keeps it too): the
    // engine changes a copy, made at the first change (none for `. = parse_json!(…)` first).
    const preserveInput =
      (program.fallible && (!dropOnError || reroute)) || (program.abortable && (!dropOnAbort || reroute));
    const runner = program.runner({
      timezone,
      preserveInput,
      log: (level, message) => {
        const method = LOG_LEVELS[level] ?? 'info';
        logLimiter.write(level, message, undefined, (text, fields) => context.logger[method](text, fields));
      },
    });
    const errors = context.metrics.counter('component_errors_total', {
      error_type: 'conversion_failed',
      stage: 'processing',
    });
    const droppedOnError = context.metrics.counter('component_discarded_events_total', {
      intentional: 'false',
    });
    const droppedOnPurpose = context.metrics.counter('component_discarded_events_total', {
      intentional: 'true',
    });
    const logError = rateLimitedLog(context.logger, 'error');
    const logAbort = rateLimitedLog(context.logger, 'debug');

    const { usesMetadata, mayHoldRegex } = program;
    const componentId = context.id;

    /** Vector's annotation of a rerouted event (legacy namespace): `metadata.dropped`. */
    const annotate = (event: LogEvent, reason: 'error' | 'abort', message: string): void => {
      const fields = event.fields;
      const holder = fields.metadata;
      const dropped = {
        reason,
        message,
        component_id: componentId,
        component_type: 'remap',
        component_kind: 'transform',
      };
      if (
        holder !== null &&
        typeof holder === 'object' &&
        !Array.isArray(holder) &&
        !(holder instanceof Date)
      )
        (holder as FieldMap).dropped = dropped;
      else fields.metadata = { dropped };
    };

    return {
      transform(batch: Batch): Batch | OutputBatches {
        const output: Batch = [];
        const rerouted: Batch = [];
        // Dropped on an error (unintended), or on purpose (an abort, `. = []`).
        const unintended: LogEvent[] = [];
        const intended: LogEvent[] = [];
        let failed = 0;
        for (const event of batch) {
          const metadata = event.metadata;
          let status: 'ok' | 'error' | 'abort';
          try {
            status = runner.run(
              event.fields as Value,
              usesMetadata ? ((metadata.value ?? {}) as Value) : (UNUSED_METADATA as Value),
            );
            if (status === 'ok') {
              const root = mayHoldRegex ? withoutRegexes(runner.event) : runner.event;
              if (usesMetadata)
                metadata.value = (
                  mayHoldRegex ? withoutRegexes(runner.metadata) : runner.metadata
                ) as FieldMap;
              metadata.structured = true;
              if (pushEvents(root, event, output) === 0) intended.push(event);
              continue;
            }
          } catch (error) {
            // A fault of the engine on a hostile event (a stack overflow): this event fails alone.
            status = 'error';
            runner.message = error instanceof Error ? error.message : String(error);
            runner.failure = undefined;
          }
          const isError = status === 'error';
          const drop = isError ? dropOnError : dropOnAbort;
          if (isError) {
            if (!reroute) {
              failed += 1;
              logError('Mapping failed with event.', { error: runner.message, event_dropped: drop });
            }
          } else if (!reroute) {
            logAbort('Event mapping aborted.', { event_dropped: drop });
          }
          // The event is as it came (the run changed a copy); a program thought unable to fail
          // that failed all the same passes as it is.
          if (!drop) {
            output.push(event);
          } else if (reroute) {
            const userMessage = (runner.failure as RuntimeError | undefined)?.userMessage;
            annotate(event, isError ? 'error' : 'abort', userMessage ?? runner.message);
            rerouted.push(event);
          } else {
            (isError ? unintended : intended).push(event);
          }
        }
        if (failed > 0) errors.increment(failed);
        if (unintended.length > 0) {
          finalizeEvents(unintended, 'dropped');
          droppedOnError.increment(unintended.length);
        }
        if (intended.length > 0) {
          finalizeEvents(intended, 'dropped');
          droppedOnPurpose.increment(intended.length);
        }
        if (!reroute) return output;
        return { default: output, named: new Map([[DROPPED_OUTPUT, rerouted]]) };
      },
    };
  },
});
