import type { JsonSchema, LogEvent, OptionProblem } from '@sluice/component-api';
import { formatDiagnostics, type Program, type ProgramRunner, type Value } from '@sluice/vrl';
import { compileProgram } from './program.js';

/**
 * Vector's conditions (`src/conditions`): a VRL boolean expression as a string, or a table
 * `{ type, source }` of type `vrl`, `datadog_search`, `is_log`, `is_metric` or `is_trace`. Used by
 * `filter`, `route` and the unit tests of `sluice test`.
 */
export type ConditionConfig = string | { type: string; source?: string; runtime?: string };

export const CONDITION_TYPES = ['vrl', 'datadog_search', 'is_log', 'is_metric', 'is_trace'] as const;

/** The JSON Schema of a condition, as Vector's `AnyCondition`. */
export const conditionSchema: JsonSchema = {
  description:
    'A VRL boolean expression, or a table: `type` (`vrl`, `datadog_search`, `is_log`, `is_metric`, `is_trace`) and, for `vrl` and `datadog_search`, `source`.',
  oneOf: [
    { type: 'string', description: 'A VRL boolean expression (as `type = "vrl"`).' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { type: 'string', enum: [...CONDITION_TYPES], description: 'The kind of condition.' },
        source: {
          type: 'string',
          description: 'The VRL boolean expression (`vrl`) or the Datadog Search query (`datadog_search`).',
        },
        runtime: { type: 'string', enum: ['ast'], description: "Vector's VRL runtime; only `ast`." },
      },
    },
  ],
};

export interface Condition {
  /**
   * Whether the event matches. A VRL condition that fails at runtime does not match; `onError`
   * (given when it was built) hears of it.
   */
  check(event: LogEvent): boolean;
  /** Why the event does not match, in Vector's words (`check_with_context`); undefined when it does. */
  explain(event: LogEvent): string | undefined;
  /** The compiler's warnings, as VRL prints them (empty when none). */
  readonly warnings: string;
}

export interface ConditionOptions {
  /** Hears each runtime error of a VRL condition (the event then does not match). */
  onError?: (message: string) => void;
}

/** The problem of a condition, at `path`; empty when it builds. */
export function conditionProblems(config: ConditionConfig, path: string): OptionProblem[] {
  try {
    buildCondition(config);
    return [];
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    return [{ path: error.atSource ? joinPath(path, 'source') : path, message: error.message }];
  }
}

/** A condition that cannot be built: Vector's message. */
export class ConditionError extends Error {
  constructor(
    message: string,
    /** Whether the problem is in the condition's `source`. */
    readonly atSource = false,
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

const isMetric = (event: LogEvent) => event.metadata.dataType === 'metric';

/** The metadata of an event that has none: a condition only reads it. */
const NO_METADATA = Object.freeze({});

/** Builds a condition (compiling its program once); throws a {@link ConditionError} with Vector's message. */
export function buildCondition(config: ConditionConfig, options: ConditionOptions = {}): Condition {
  if (typeof config === 'string') return vrlCondition(config, options, false);
  switch (config.type) {
    case 'vrl':
      return vrlCondition(requiredSource(config), options, true);
    case 'datadog_search':
      return datadogSearchCondition(requiredSource(config), options);
    case 'is_log':
      return typeCondition((event) => !isMetric(event), 'log');
    case 'is_metric':
      return typeCondition(isMetric, 'metric');
    case 'is_trace':
      // Sluice has no trace events.
      return typeCondition(() => false, 'trace');
    default:
      throw new ConditionError(
        `unknown variant \`${config.type}\`, expected one of ${CONDITION_TYPES.map((type) => `\`${type}\``).join(', ')}`,
      );
  }
}

function requiredSource(config: { type: string; source?: string }): string {
  if (config.source === undefined) throw new ConditionError('missing field `source`');
  return config.source;
}

function typeCondition(matches: (event: LogEvent) => boolean, type: string): Condition {
  const reason = `event is not a ${type} type`;
  return {
    check: matches,
    explain: (event) => (matches(event) ? undefined : reason),
    warnings: '',
  };
}

/** The program of a condition: read-only, and its value must be a boolean (as Vector checks). */
function conditionProgram(source: string, atSource: boolean): Program {
  const compiled = compileProgram(source, true);
  if ('diagnostics' in compiled) throw new ConditionError(compiled.diagnostics, atSource);
  if (!compiled.program.resultType.kind.isBoolean())
    throw new ConditionError('VRL conditions must return a boolean.', atSource);
  return compiled.program;
}

function vrlCondition(source: string, options: ConditionOptions, atSource: boolean): Condition {
  const program = conditionProgram(source, atSource);
  return programCondition(program, source, options);
}

/** Runs a read-only boolean program over events (no copy: it cannot change them). */
function programCondition(program: Program, source: string, options: ConditionOptions): Condition {
  // Vector's conditions run in the local time zone (its TODO: "use timezone from remap config").
  const runner: ProgramRunner = program.runner({ timezone: 'local' });
  const run = (event: LogEvent) =>
    runner.run(event.fields as Value, (event.metadata.value ?? NO_METADATA) as Value);
  return {
    warnings: program.warnings.length === 0 ? '' : formatDiagnostics(source, [...program.warnings]).trim(),
    check(event) {
      const status = run(event);
      if (status === 'ok') return runner.value === true;
      options.onError?.(runner.message);
      return false;
    },
    explain(event) {
      const status = run(event);
      if (status === 'ok') {
        if (runner.value === true) return undefined;
        return runner.value === false
          ? 'source execution resolved to false'
          : 'source execution resolved to a non-boolean value';
      }
      const diagnostics = formatDiagnostics(source, [
        (runner.failure as NonNullable<typeof runner.failure>).diagnostic(),
      ]);
      return `source execution ${status === 'abort' ? 'aborted' : 'failed'}: ${diagnostics}`;
    },
  };
}

/**
 * A Datadog Search query, run by VRL's `match_datadog_query` on the event (Vector's condition
 * reads `ddtags`/`ddsource` beside `tags`/`source`; VRL's function, and so this condition, only
 * the latter). Metric events never match, as in Vector.
 */
function datadogSearchCondition(query: string, options: ConditionOptions): Condition {
  const source = `match_datadog_query(., s'${query.replaceAll("'", "\\'")}')`;
  const program = conditionProgram(source, true);
  const condition = programCondition(program, source, options);
  return {
    warnings: condition.warnings,
    check: (event) => !isMetric(event) && condition.check(event),
    explain: (event) =>
      isMetric(event) ? 'condition failed' : condition.explain(event) && 'condition failed',
  };
}

function joinPath(base: string, path: string): string {
  return base === '' ? path : `${base}.${path}`;
}
