import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ComponentContext } from '@sluice/component-api';
import {
  defineSink,
  finalizeEvents,
  getField,
  type LogEvent,
  rateLimitedLog,
  type Sink,
  type SinkDefinition,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import {
  createFramedEncoder,
  type EncodingConfig,
  encodingOptionSchema,
  encodingProblems,
  type SinkFramingConfig,
  sinkFramingOptionSchema,
} from '@sluice/encoding';
import { encodingFailureHandler } from './encoding-failures.js';

export interface FileSinkOptions {
  /** A path; `{{ field.path }}` is replaced by the event's field (events without it are rejected). */
  path: string;
  encoding?: EncodingConfig;
  framing?: SinkFramingConfig;
}

const TEMPLATE = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** The path of an event, or undefined when a field of the template is missing. */
function renderPath(template: string, event: LogEvent): string | undefined {
  let missing = false;
  const path = template.replace(TEMPLATE, (_, field: string) => {
    const value = getField(event.fields, field);
    if (value === undefined || value === null) {
      missing = true;
      return '';
    }
    // A field value never climbs out of its directory.
    return String(value).replaceAll('/', '_').replaceAll('\0', '_');
  });
  return missing ? undefined : path;
}

/**
 * Appends each event as one line to the file its path template names (created with its
 * directory); files stay open until the input ends, then are synced (`fsync`) and closed.
 */
export function createFileSink(options: FileSinkOptions, context: ComponentContext): Sink {
  const encoder = createFramedEncoder(options.encoding, options.framing);
  const rejectUnencodable = encodingFailureHandler(context);
  const sentEvents = context.metrics.counter('component_sent_events_total');
  const sentEventBytes = context.metrics.counter('component_sent_event_bytes_total');
  const sentBytes = context.metrics.counter('component_sent_bytes_total');
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const templateErrors = context.metrics.counter('component_errors_total', {
    error_type: 'template_failed',
    stage: 'processing',
  });
  const warn = rateLimitedLog(context.logger, 'warn');
  return {
    async run(input) {
      const files = new Map<string, FileHandle>();
      const fileFor = async (path: string) => {
        let file = files.get(path);
        if (file === undefined) {
          await mkdir(dirname(path), { recursive: true });
          file = await open(path, 'a');
          files.set(path, file);
        }
        return file;
      };
      try {
        for await (const batch of input) {
          const byPath = new Map<string, LogEvent[]>();
          for (const event of batch) {
            const path = renderPath(options.path, event);
            if (path === undefined) {
              finalizeEvents([event], 'rejected');
              discarded.increment();
              templateErrors.increment();
              warn('event rejected: a field of the path template is missing', { path: options.path });
              continue;
            }
            const group = byPath.get(path);
            if (group === undefined) byPath.set(path, [event]);
            else group.push(event);
          }
          for (const [path, events] of byPath) {
            const { bytes: chunk, written, failed } = encoder.encodeBatch(events);
            rejectUnencodable(failed);
            if (written.length === 0) continue;
            await (await fileFor(path)).write(chunk);
            finalizeEvents(written, 'delivered');
            let bytes = 0;
            for (const event of written) bytes += event.metadata.byteSize;
            sentEvents.increment(written.length);
            sentEventBytes.increment(bytes);
            sentBytes.increment(chunk.length);
          }
        }
      } finally {
        for (const file of files.values()) {
          await file.sync();
          await file.close();
        }
      }
    },
  };
}

export const fileSink: SinkDefinition<FileSinkOptions> = defineSink<FileSinkOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'file',
  description: 'Appends events to files, one per line; the path may name event fields (`{{ field }}`).',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: {
        type: 'string',
        minLength: 1,
        description: 'The file to append to; `{{ field.path }}` is replaced by that field of each event.',
      },
      encoding: encodingOptionSchema,
      framing: sinkFramingOptionSchema,
    },
  },
  validate: (options) => encodingProblems(options.encoding),
  create: (options, context) => createFileSink(options, context),
});
