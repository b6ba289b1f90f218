import {
  type Batch,
  ConfigError,
  defineTransform,
  finalizeEvents,
  type LogEvent,
  rateLimitedLog,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { buildCondition, type ConditionConfig, conditionProblems, conditionSchema } from './condition.js';
import { conditionErrorCounter } from './route.js';

export interface FilterOptions {
  condition: ConditionConfig;
}

export const filterTransform = defineTransform<FilterOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'filter',
  description:
    'Passes the events that match a condition (VRL, or is_log, is_metric, is_trace, datadog_search); drops the others, counted.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['condition'],
    properties: {
      condition: {
        ...conditionSchema,
        description: `The condition an event must match to pass. ${conditionSchema.description as string}`,
        examples: ['.level != "debug"'],
      },
    },
  },
  validate: (options) => conditionProblems(options.condition, 'condition'),
  create(options, context) {
    const problems = conditionProblems(options.condition, 'condition');
    if (problems.length > 0)
      throw new ConfigError(problems.map((problem) => ({ file: undefined, ...problem })));
    const onError = conditionErrorCounter(context);
    const condition = buildCondition(options.condition, { onError });
    if (condition.warnings !== '')
      context.logger.warn('VRL compilation warning.', { warnings: condition.warnings });
    const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'true' });
    const logDropped = rateLimitedLog(context.logger, 'debug');
    return {
      transform(batch: Batch): Batch {
        const dropped: LogEvent[] = [];
        let kept = 0;
        for (let index = 0; index < batch.length; index++) {
          const event = batch[index] as LogEvent;
          if (condition.check(event)) batch[kept++] = event;
          else dropped.push(event);
        }
        if (dropped.length === 0) return batch;
        batch.length = kept;
        finalizeEvents(dropped, 'dropped');
        discarded.increment(dropped.length);
        logDropped('Events dropped: they did not match the filter condition.', { count: dropped.length });
        return batch;
      },
    };
  },
});
