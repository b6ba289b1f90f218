import { Writable } from 'node:stream';
import { attachFinalizer, cloneLogEvent, type DeliveryStatus } from '@sluice/component-api';
import {
  createFramedEncoder,
  type DecodingConfig,
  type EncodingConfig,
  SourceDecoding,
} from '@sluice/encoding';
import { createTestContext, hostileEvents, hostileFrames, inputOf } from '@sluice/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConsoleSink } from './sinks.js';
import { addFieldsTransform, parseJsonTransform, removeFieldsTransform } from './transforms.js';

/**
 * The promise of issue 24 as a property: whatever a peer sends or a plugin makes — nesting far past
 * the limit, huge strings, invalid UTF-8, NUL, lone surrogates, numbers beyond f64 and i64, bigint,
 * `__proto__`, empty keys — nothing throws out of a decoder, a transform, an encoder or a sink, and
 * every event is delivered or counted.
 */

const DECODINGS: DecodingConfig[] = [
  { codec: 'bytes' },
  { codec: 'json' },
  { codec: 'json', json: { lossy: false } },
  { codec: 'native_json' },
  { codec: 'gelf', gelf: { validation: 'relaxed' } },
  { codec: 'syslog' },
];

const ENCODINGS: Array<EncodingConfig | undefined> = [
  undefined,
  'json',
  'text',
  'logfmt',
  'native_json',
  'gelf',
  { codec: 'csv', csv: { fields: ['message', 'deep.a'] } },
  { codec: 'json', except_fields: ['message'] },
  { codec: 'json', only_fields: ['a.b', 'deep'] },
];

/** The events of one frame, its drops counted by `decoding` as a source's would be. */
function decodeOne(decoding: SourceDecoding, frame: Buffer) {
  const framer = decoding.newFramer();
  const events = [];
  // The frame then the end of the stream, which ends the last frame whatever the delimiter.
  for (const framed of [framer.push(frame), framer.end()]) {
    decoding.account(framed, 'peer');
    events.push(...decoding.toEvents(framed.lines, { source_type: 'socket' }));
  }
  return events;
}

describe('hostile input', () => {
  it('every decoder takes a frame or counts it; none throws', () => {
    fc.assert(
      fc.property(fc.array(hostileFrames(), { maxLength: 8 }), (frames) => {
        for (const config of DECODINGS) {
          const context = createTestContext();
          const decoding = new SourceDecoding({ decoding: config }, context);
          for (const frame of frames) {
            const before = context.metrics.total('component_discarded_events_total', {
              intentional: 'false',
            });
            const events = decodeOne(decoding, frame);
            const counted =
              context.metrics.total('component_discarded_events_total', { intentional: 'false' }) - before;
            // A frame is events, or counted; an empty JSON list is no event and no error, as in Vector.
            const emptyList = /^\s*\[\s*\]\s*$/.test(frame.toString());
            // Frames holding a delimiter are several frames, and no bytes are no frame at all.
            expect(
              events.length > 0 ||
                counted > 0 ||
                emptyList ||
                frame.length === 0 ||
                frame.includes(10) ||
                frame.includes(0),
              String(config.codec),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('every transform passes, changes or drops-and-counts each event; none throws', async () => {
    const context = createTestContext();
    const transforms = [
      await parseJsonTransform.create(
        { field: 'message', drop_field: true, drop_invalid: true, overwrite_target: false },
        context,
      ),
      await parseJsonTransform.create(
        {
          field: 'deep',
          drop_field: false,
          drop_invalid: false,
          overwrite_target: true,
          target_field: 'a.b',
        },
        context,
      ),
      await addFieldsTransform.create(
        { fields: { 'x.y': 1, '': 'empty', __proto__: 2 }, overwrite: true },
        context,
      ),
      await removeFieldsTransform.create({ fields: ['a.b', '', '__proto__'], drop_empty: true }, context),
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvents(), { maxLength: 10 }), async (events) => {
        let batch = events;
        for (const transform of transforms) {
          const before = context.metrics.total('component_discarded_events_total', { intentional: 'true' });
          // These transforms have no named outputs: their answer is a batch.
          const output = (await transform.transform(batch)) as typeof batch;
          const dropped =
            context.metrics.total('component_discarded_events_total', { intentional: 'true' }) - before;
          expect(output.length + dropped).toBe(batch.length);
          batch = output;
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('every codec writes an event or refuses it alone; a sink delivers or rejects-and-counts each, and goes on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvents(), { minLength: 1, maxLength: 8 }), async (events) => {
        for (const encoding of ENCODINGS) {
          const { written, failed } = createFramedEncoder(encoding, undefined).encodeBatch(events);
          expect(written.length + failed.length).toBe(events.length);
          const context = createTestContext();
          const sink = createConsoleSink({ target: 'stdout', encoding }, discardingStream(), context);
          const copies = events.map((event) => cloneLogEvent(event));
          const statuses: DeliveryStatus[] = [];
          for (const copy of copies) attachFinalizer([copy], (status) => statuses.push(status));
          await sink.run(inputOf([copies]));
          const sent = context.metrics.total('component_sent_events_total');
          const discarded = context.metrics.total('component_discarded_events_total', {
            intentional: 'false',
          });
          expect(sent + discarded).toBe(events.length);
          expect(statuses).toHaveLength(events.length);
          expect(statuses.filter((status) => status === 'rejected')).toHaveLength(discarded);
        }
      }),
      // Each run encodes up to 8 events, some 200 KB or thousands of levels deep, with 9 codecs.
      { numRuns: 20 },
    );
  }, 120_000);
});

function discardingStream(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}
