import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import {
  type Batch,
  type ComponentContext,
  currentTimestamp,
  defineSource,
  type FieldMap,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import {
  DEFAULT_MAX_LENGTH,
  type DecodingConfig,
  decodingOptionSchema,
  type FramingConfig,
  framingOptionSchema,
  SourceDecoding,
} from '@sluice/encoding';

export interface StdinOptions {
  max_length: number;
  host_key: string;
  framing?: FramingConfig;
  decoding?: DecodingConfig;
}

/** Reads events from a stream; the definition below binds it to `process.stdin`. */
export function createStdinSource(
  options: StdinOptions,
  input: () => Readable,
  context: Pick<ComponentContext, 'metrics' | 'logger'>,
) {
  const decoding = new SourceDecoding(
    { framing: options.framing, decoding: options.decoding, legacyMaxLength: options.max_length },
    context,
  );
  // Vector: the machine's hostname, in the host field (only where the codec did not set one).
  const host = hostname();
  return {
    async run(emit: (batch: Batch) => Promise<void>, signal: AbortSignal): Promise<void> {
      const stream = input();
      const framer = decoding.newFramer();
      const toBatch = (frames: string[]): Batch => {
        const fields: FieldMap = { timestamp: currentTimestamp(), source_type: 'stdin' };
        if (options.host_key !== '') fields[options.host_key] = host;
        return decoding.toEvents(frames, fields);
      };
      const stop = () => stream.destroy();
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const chunk of stream) {
          const framed = framer.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
          decoding.account(framed);
          // Awaiting emit pauses the stream: that is the backpressure.
          if (framed.lines.length > 0) {
            const batch = toBatch(framed.lines);
            if (batch.length > 0) await emit(batch);
          }
        }
      } catch (error) {
        if (!signal.aborted) throw error;
      } finally {
        signal.removeEventListener('abort', stop);
      }
      const last = framer.end();
      decoding.account(last);
      if (last.lines.length > 0) {
        const batch = toBatch(last.lines);
        if (batch.length > 0) await emit(batch);
      }
    },
  };
}

export const stdinSource = defineSource<StdinOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'stdin',
  description:
    'Reads events from standard input (newline-delimited by default), framed and decoded as Vector does.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      max_length: {
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_LENGTH,
        description:
          "Longest line in bytes with the default newline framing; longer lines are dropped and counted (Vector's default, 102400). framing.*.max_length overrides it.",
      },
      host_key: {
        type: 'string',
        default: 'host',
        description: 'Field for the machine\'s hostname; "" leaves it out.',
      },
      framing: framingOptionSchema,
      decoding: decodingOptionSchema,
    },
  },
  create: (options, context) => createStdinSource(options, () => process.stdin, context),
});
