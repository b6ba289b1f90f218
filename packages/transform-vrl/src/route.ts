import {
  type Batch,
  type ComponentContext,
  ConfigError,
  cloneLogEvent,
  defineTransform,
  finalizeEvents,
  type OptionProblem,
  type OutputBatches,
  rateLimitedLog,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { buildCondition, type ConditionConfig, conditionProblems, conditionSchema } from './condition.js';

export interface RouteOptions {
  route: Readonly<Record<string, ConditionConfig>>;
  reroute_unmatched: boolean;
}

/** Where events that match no route go (`<id>._unmatched`), unless `reroute_unmatched` is false. */
export const UNMATCHED_OUTPUT = '_unmatched';

/**
 * Counts and logs the runtime errors of VRL conditions (Vector's `VrlConditionExecutionError`:
 * `component_errors_total{error_type="script_failed"}`); such an event does not match.
 */
export function conditionErrorCounter(context: ComponentContext): (message: string) => void {
  const errors = context.metrics.counter('component_errors_total', {
    error_type: 'script_failed',
    stage: 'processing',
  });
  const log = rateLimitedLog(context.logger, 'error');
  return (message) => {
    errors.increment();
    log('VRL condition execution failed.', { error: message });
  };
}

function problemsOf(options: RouteOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  for (const [name, condition] of Object.entries(options.route)) {
    if (name === UNMATCHED_OUTPUT)
      problems.push({
        path: `route.${name}`,
        message: `cannot have a named output with reserved name: \`${UNMATCHED_OUTPUT}\``,
      });
    else problems.push(...conditionProblems(condition, `route.${name}`));
  }
  return problems;
}

export const routeTransform = defineTransform<RouteOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'route',
  description:
    'Sends each event to every route whose condition it matches (`<id>.<route>`), and the events that match none to `<id>._unmatched`.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['route'],
    properties: {
      route: {
        type: 'object',
        description:
          'The routes: each name is an output (`<id>.<name>`) and its value a condition. `_unmatched` is reserved.',
        additionalProperties: conditionSchema,
        examples: [{ errors: '.level == "error"' }],
      },
      reroute_unmatched: {
        type: 'boolean',
        default: true,
        description:
          'Send the events that match no route to `<id>._unmatched`; otherwise they are dropped (counted as discarded).',
      },
    },
  },
  validate: problemsOf,
  outputs: (options) => ({
    default: false,
    named: [...Object.keys(options.route), ...(options.reroute_unmatched ? [UNMATCHED_OUTPUT] : [])],
  }),
  create(options, context) {
    const problems = problemsOf(options);
    if (problems.length > 0)
      throw new ConfigError(problems.map((problem) => ({ file: undefined, ...problem })));
    const onError = conditionErrorCounter(context);
    const routes = Object.entries(options.route).map(([name, config]) => {
      const condition = buildCondition(config, { onError });
      if (condition.warnings !== '')
        context.logger.warn('VRL compilation warning.', { route: name, warnings: condition.warnings });
      return { name, condition };
    });
    const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'true' });
    const rerouteUnmatched = options.reroute_unmatched;
    return {
      transform(batch: Batch): OutputBatches {
        const named = new Map<string, Batch>(routes.map(({ name }) => [name, []]));
        const unmatched: Batch = [];
        for (const event of batch) {
          // The event itself goes to its first route; each further route gets a copy (its own
          // fields, one more outcome for the finalizer), as Vector clones it per route.
          let matched = false;
          for (const { name, condition } of routes) {
            if (!condition.check(event)) continue;
            (named.get(name) as Batch).push(matched ? cloneLogEvent(event) : event);
            matched = true;
          }
          if (!matched) unmatched.push(event);
        }
        if (rerouteUnmatched) named.set(UNMATCHED_OUTPUT, unmatched);
        else if (unmatched.length > 0) {
          finalizeEvents(unmatched, 'dropped');
          discarded.increment(unmatched.length);
        }
        return { default: [], named };
      },
    };
  },
});
