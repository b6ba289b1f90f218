import type { Readable } from 'node:stream';
import { type Batch, createLogEvent, defineSource, SPECIFICATION_VERSION } from '@sluice/component-api';
import { DEFAULT_MAX_LENGTH, NewlineFramer } from '@sluice/encoding';

export interface StdinOptions {
  max_length: number;
  host_key: string;
}

/** Reads lines from a stream; the definition below binds it to `process.stdin`. */
export function createStdinSource(options: StdinOptions, input: () => Readable) {
  return {
    async run(emit: (batch: Batch) => Promise<void>, signal: AbortSignal): Promise<void> {
      const stream = input();
      const framer = new NewlineFramer({ maxLength: options.max_length, oversizedAction: 'drop' });
      const toBatch = (lines: string[]): Batch => {
        const timestamp = new Date();
        return lines.map((message) => {
          const fields: Record<string, string | Date> = { message, timestamp, source_type: 'stdin' };
          if (options.host_key !== '') fields[options.host_key] = 'localhost';
          return createLogEvent(fields, { byteSize: message.length + 64 });
        });
      };
      const stop = () => stream.destroy();
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const chunk of stream) {
          const { lines } = framer.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
          // Awaiting emit pauses the stream: that is the backpressure.
          if (lines.length > 0) await emit(toBatch(lines));
        }
      } catch (error) {
        if (!signal.aborted) throw error;
      } finally {
        signal.removeEventListener('abort', stop);
      }
      const { lines } = framer.end();
      if (lines.length > 0) await emit(toBatch(lines));
    },
  };
}

export const stdinSource = defineSource<StdinOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'stdin',
  description: 'Reads newline-delimited lines from standard input.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      max_length: {
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_LENGTH,
        description: 'Longest line in bytes; longer lines are dropped.',
      },
      host_key: {
        type: 'string',
        default: 'host',
        description: 'Field for the host name; "" leaves it out.',
      },
    },
  },
  create: (options) => createStdinSource(options, () => process.stdin),
});
