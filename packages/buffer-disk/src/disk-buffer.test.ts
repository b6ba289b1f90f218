import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32c } from '@node-rs/crc32';
import {
  attachFinalizer,
  createLogEvent,
  type DeliveryStatus,
  finalizeEvents,
  type LogEvent,
  SluiceError,
} from '@sluice/component-api';
import {
  createTestBufferContext,
  hostileEvents,
  makeEvents,
  nestedFields,
  testBuffer,
} from '@sluice/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { diskBufferDefinition } from './definition.js';
import type { DiskBuffer } from './disk-buffer.js';
import { defaultFileOperations } from './file-operations.js';
import { formatDiskBufferReport, inspectDiskBuffer } from './inspect.js';
import { readLedger } from './ledger.js';
import { dataFileName } from './scan.js';
import { rewriteLedger } from './test-helpers/ledger.js';
import { openBuffer, removeDirectories, temporaryDirectory } from './test-helpers/open.js';

afterEach(removeDirectories);

let conformanceDirectory = 0;
testBuffer(diskBufferDefinition, {
  options: { max_size: 1024 * 1024, max_data_file_size: 64 * 1024, sync_interval_ms: 50 },
  context: () =>
    createTestBufferContext({
      dataDir: join(process.env.TMPDIR ?? '/tmp', `sluice-conformance-${process.pid}`),
      sinkId: `sink_${conformanceDirectory++}`,
    }),
});

async function readAll(buffer: DiskBuffer, acknowledge = true): Promise<string[]> {
  const messages: string[] = [];
  for (;;) {
    const batch = await buffer.read(1000);
    if (batch.length === 0) return messages;
    if (acknowledge) finalizeEvents(batch, 'delivered');
    messages.push(...batch.map((event) => String(event.fields.message)));
  }
}

const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `event ${from + index}`);

async function writeBatches(buffer: DiskBuffer, batches: number, size: number, start = 0): Promise<void> {
  for (let index = 0; index < batches; index += 1) {
    expect(await buffer.write(makeEvents(size, {}, start + index * size))).toBe(size);
  }
}

describe('DiskBuffer', () => {
  it('round-trips events in order across rolled data files, keeping fields, dates and the structured flag', async () => {
    const directory = await temporaryDirectory();
    const { buffer } = await openBuffer(directory);
    const events = makeEvents(3, { nested: { a: [1, 'two'] } });
    events[1]!.metadata.structured = true;
    await buffer.write(events);
    await writeBatches(buffer, 50, 10, 3);
    const first = await buffer.read(3);
    expect(first[0]?.fields.nested).toEqual({ a: [1, 'two'] });
    expect(first[0]?.fields.timestamp).toBeInstanceOf(Date);
    expect(first.map((event) => event.metadata.structured)).toEqual([false, true, false]);
    finalizeEvents(first, 'delivered');
    expect(await readAll(buffer)).toEqual(ids(3, 503));
    expect((await readdir(directory)).filter((name) => name.endsWith('.dat')).length).toBeGreaterThanOrEqual(
      1,
    );
    await buffer.close();
  });

  it('a read after close fails with a clear error: never "fd out of range", never events counted as lost', async () => {
    // The shutdown deadline closes the stages while an abandoned sink may still read. More than
    // a read chunk holds, so the read goes to the data file (its descriptor is -1).
    const directory = await temporaryDirectory();
    const { buffer, metrics, logger } = await openBuffer(directory, { maxDataFileSize: 64 * 1024 * 1024 });
    const large = 'x'.repeat(100_000);
    for (let index = 0; index < 200; index += 1)
      expect(await buffer.write(makeEvents(1, { padding: large }, index))).toBe(1);
    await buffer.close();
    const error = await buffer.read(10).catch((caught: unknown) => caught);
    expect(SluiceError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/disk buffer .* is closed/);
    expect(metrics.total('buffer_discarded_events_total')).toBe(0);
    expect(JSON.stringify(logger.records)).not.toMatch(/out of range/);
    // Nothing was lost: the next start reads all of it.
    const reopened = await openBuffer(directory, { maxDataFileSize: 64 * 1024 * 1024 });
    expect(reopened.buffer.unreadEvents).toBe(200);
    await reopened.buffer.close();
  });

  it('keeps no written event alive: what it holds in memory does not grow with what it holds on disk', async () => {
    // A buffer that kept written events for its reader held tens of MiB of them (docs/memory.md).
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const { buffer } = await openBuffer(await temporaryDirectory());
    // Written from a function of its own: its frame, and the last batch in it, is gone after.
    const writeWatched = async () => {
      const references: WeakRef<LogEvent>[] = [];
      for (let index = 0; index < 20; index += 1) {
        const batch = makeEvents(50, {}, index * 50);
        references.push(...batch.map((event) => new WeakRef(event)));
        expect(await buffer.write(batch)).toBe(50);
      }
      return references;
    };
    const written = await writeWatched();
    // A WeakRef holds its target until the current job ends: collect from a later one.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(written.filter((reference) => reference.deref() !== undefined)).toHaveLength(0);
    expect(await readAll(buffer)).toHaveLength(1000);
    await buffer.close();
  });

  it('a single event is readable at once, without waiting for another write', async () => {
    const { buffer } = await openBuffer(await temporaryDirectory());
    const arrived = buffer.waitForData(new AbortController().signal);
    await buffer.write(makeEvents(1));
    await arrived;
    expect((await buffer.read(10)).map((event) => event.fields.message)).toEqual(['event 0']);
    await buffer.close();
  });

  it('deletes data files once their events are acknowledged, and only then frees space', async () => {
    const directory = await temporaryDirectory();
    const { buffer } = await openBuffer(directory);
    await writeBatches(buffer, 40, 10);
    const before = buffer.usage().bytes;
    const read = await buffer.read(10_000);
    expect(buffer.usage().bytes).toBe(before);
    finalizeEvents(read, 'delivered');
    await buffer.sync();
    expect(buffer.usage().bytes).toBeLessThan(before);
    const files = (await readdir(directory)).filter((name) => name.endsWith('.dat'));
    expect(files).toHaveLength(1);
    await buffer.close();
  });

  it('never exceeds max_size on disk: a full buffer takes nothing until acknowledgements free files', async () => {
    const directory = await temporaryDirectory();
    const { buffer } = await openBuffer(directory, { maxSize: 16 * 1024, maxDataFileSize: 4096 });
    let accepted = 0;
    for (let index = 0; index < 100; index += 1) accepted += await buffer.write(makeEvents(10, {}, accepted));
    expect(accepted).toBeLessThan(1000);
    const onDisk = (
      await Promise.all(
        (await readdir(directory)).map(async (name) => (await readFile(join(directory, name))).length),
      )
    ).reduce((sum, size) => sum + size, 0);
    expect(onDisk).toBeLessThanOrEqual(16 * 1024);
    expect(await buffer.write(makeEvents(1))).toBe(0);
    let spaced = false;
    const space = buffer.waitForSpace(new AbortController().signal).then(() => {
      spaced = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(spaced).toBe(false);
    finalizeEvents(await buffer.read(10_000), 'delivered');
    await space;
    expect(await buffer.write(makeEvents(1, {}, accepted))).toBe(1);
    await buffer.close();
  });

  it('rejects and counts an event larger than max_size instead of blocking on it', async () => {
    const { buffer, metrics } = await openBuffer(await temporaryDirectory(), { maxSize: 4096 });
    const statuses: DeliveryStatus[] = [];
    const huge = makeEvents(1, { message: 'x'.repeat(5000) });
    attachFinalizer(huge, (status) => statuses.push(status));
    expect(await buffer.write(huge)).toBe(1);
    await Promise.resolve();
    expect(statuses).toEqual(['rejected']);
    expect(metrics.total('buffer_errors_total', { error_code: 'event_too_large' })).toBe(1);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(await buffer.write(makeEvents(2))).toBe(2);
    expect(await readAll(buffer)).toEqual(ids(0, 2));
    await buffer.close();
  });

  it('an event larger than a data file still fits once the file being written is acknowledged', async () => {
    // max_size: two data files and the ledger; each event's record is larger than a data file.
    const { buffer } = await openBuffer(await temporaryDirectory(), { maxSize: 2 * 4096 + 512 });
    const big = (index: number) => makeEvents(1, { message: `${index} ${'x'.repeat(5000)}` });
    for (let index = 0; index < 3; index += 1) {
      const controller = new AbortController();
      while ((await buffer.write(big(index))) === 0) await buffer.waitForSpace(controller.signal);
      const [event] = await buffer.read(10);
      expect(String(event?.fields.message).startsWith(`${index} `)).toBe(true);
      finalizeEvents(event === undefined ? [] : [event], 'delivered');
    }
    await buffer.close();
  });

  it('resumes after close: unacknowledged events are read again, acknowledged ones are not', async () => {
    const directory = await temporaryDirectory();
    const first = await openBuffer(directory);
    await writeBatches(first.buffer, 10, 10);
    finalizeEvents(await first.buffer.read(30), 'delivered');
    await first.buffer.read(20);
    await first.buffer.close();
    const second = await openBuffer(directory);
    expect(second.buffer.unreadEvents).toBe(70);
    expect(await readAll(second.buffer)).toEqual(ids(30, 100));
    await second.buffer.close();
  });

  it('refuses a second process through the lock file, and takes over a stale lock', async () => {
    const directory = await temporaryDirectory();
    await writeFile(join(directory, 'buffer.lock'), '1\n');
    const error = await openBuffer(directory).catch((caught: unknown) => caught);
    expect(SluiceError.isInstance(error) && error.code).toBe('SLUICE_ERR_BUFFER_LOCKED');
    expect((error as Error).message).toContain('in use by another process (pid 1)');
    await writeFile(join(directory, 'buffer.lock'), '999999999\n');
    const { buffer } = await openBuffer(directory);
    await buffer.close();
  });

  it('refuses to start when the disk buffers on the volume could exceed its capacity', async () => {
    const error = await openBuffer(await temporaryDirectory(), { maxSize: Number.MAX_SAFE_INTEGER }).catch(
      (caught: unknown) => caught,
    );
    expect(SluiceError.isInstance(error) && error.code).toBe('SLUICE_ERR_BUFFER_CAPACITY');
  });

  it('rejects a max_size below two data files plus the ledger, naming the field', async () => {
    const context = createTestBufferContext({ dataDir: await temporaryDirectory() });
    await expect(
      diskBufferDefinition.create(
        { max_size: 1000, max_data_file_size: 4096, sync_interval_ms: 500 },
        context,
      ),
    ).rejects.toThrow(/max_size: must be at least 8224 bytes/);
  });

  it('disk full: rolls back the partial record, counts the error, acts as full, loses nothing, resumes when space returns', async () => {
    const directory = await temporaryDirectory();
    let full = false;
    const { buffer, metrics } = await openBuffer(directory, {
      fileOperations: {
        write: (fd, data, position) => {
          if (full) {
            // A partial write, then the error: the record must not survive.
            defaultFileOperations.write(fd, data.subarray(0, data.length >> 1), position);
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          }
          return defaultFileOperations.write(fd, data, position);
        },
      },
    });
    await writeBatches(buffer, 3, 10);
    full = true;
    expect(await buffer.write(makeEvents(10, {}, 30))).toBe(0);
    expect(metrics.total('buffer_errors_total', { error_code: 'write_failed' })).toBe(1);
    expect(await buffer.write(makeEvents(10, {}, 30))).toBe(0);
    full = false;
    await buffer.waitForSpace(new AbortController().signal);
    expect(await buffer.write(makeEvents(10, {}, 30))).toBe(10);
    expect(await readAll(buffer)).toEqual(ids(0, 40));
    await buffer.close();
    const reopened = await openBuffer(directory);
    expect(reopened.metrics.total('buffer_errors_total')).toBe(0);
    await reopened.buffer.close();
  });

  it('model-based: random write / read / ack / reopen / crash sequences match an in-memory model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ write: fc.integer({ min: 1, max: 30 }) }),
            fc.record({ read: fc.integer({ min: 1, max: 40 }) }),
            fc.constant({ ack: true as const }),
            fc.constant({ sync: true as const }),
            fc.constant({ reopen: true as const }),
            fc.constant({ crash: true as const }),
          ),
          { maxLength: 25 },
        ),
        async (operations) => {
          const directory = await temporaryDirectory();
          let { buffer } = await openBuffer(directory, { maxDataFileSize: 2048 });
          let written = 0;
          let cursor = 0;
          let acknowledged = 0;
          let outstanding: LogEvent[] = [];
          for (const operation of operations) {
            if ('write' in operation) {
              expect(await buffer.write(makeEvents(operation.write, {}, written))).toBe(operation.write);
              written += operation.write;
            } else if ('read' in operation) {
              const batch = await buffer.read(operation.read);
              expect(batch.map((event) => event.fields.message)).toEqual(ids(cursor, cursor + batch.length));
              expect(batch.length).toBeGreaterThanOrEqual(Math.min(operation.read, written - cursor));
              cursor += batch.length;
              outstanding.push(...batch);
            } else if ('ack' in operation) {
              finalizeEvents(outstanding, 'delivered');
              outstanding = [];
              acknowledged = cursor;
            } else if ('sync' in operation) {
              await buffer.sync();
            } else if ('reopen' in operation) {
              await buffer.close();
              ({ buffer } = await openBuffer(directory, { maxDataFileSize: 2048 }));
              cursor = acknowledged;
              outstanding = [];
            } else {
              // A crash loses the acknowledgements recorded after the last ledger write, never data.
              await buffer.simulateCrash();
              const { ledger } = await readLedger(directory);
              if (ledger === undefined) throw new Error('a crash left no ledger');
              ({ buffer } = await openBuffer(directory, { maxDataFileSize: 2048 }));
              cursor = ledger.ackedEventId;
              acknowledged = Math.min(acknowledged, cursor);
              outstanding = [];
            }
            expect(buffer.unreadEvents).toBe(written - cursor);
          }
          expect(await readAll(buffer)).toEqual(ids(cursor, written));
          await buffer.close();
        },
      ),
      { numRuns: 40 },
    );
    // ~3 s alone; a 2-core machine shared with other suites can make it many times slower.
  }, 120_000);
});

describe('DiskBuffer recovery from corruption', () => {
  /** 5 records of 10 events in each of 3 data files (file size fits 5 records). */
  async function prepared() {
    const directory = await temporaryDirectory();
    const { buffer } = await openBuffer(directory, { maxDataFileSize: 4096 });
    await writeBatches(buffer, 15, 10);
    await buffer.close();
    const files = (await readdir(directory)).filter((name) => name.endsWith('.dat')).sort();
    return { directory, files };
  }

  async function recover(directory: string) {
    const opened = await openBuffer(directory, { maxDataFileSize: 4096 });
    const messages = await readAll(opened.buffer);
    await writeBatches(opened.buffer, 1, 5, 1000);
    expect(await readAll(opened.buffer)).toEqual(ids(1000, 1005));
    await opened.buffer.close();
    return {
      messages,
      lost: opened.metrics.total('buffer_discarded_events_total', { intentional: 'false' }),
      metrics: opened.metrics,
    };
  }

  async function recordOffsets(path: string): Promise<number[]> {
    const data = await readFile(path);
    const offsets: number[] = [];
    for (let offset = 0; offset < data.length; offset += 8 + data.readUInt32LE(offset)) offsets.push(offset);
    return offsets;
  }

  async function eventsPerFile(directory: string, files: string[]): Promise<number[]> {
    return Promise.all(files.map(async (name) => (await recordOffsets(join(directory, name))).length * 10));
  }

  it('a flipped bit in a payload: that record is skipped and its events counted', async () => {
    const { directory, files } = await prepared();
    const path = join(directory, files[0]!);
    const offsets = await recordOffsets(path);
    const data = await readFile(path);
    data.writeUInt8(data.readUInt8(offsets[1]! + 30) ^ 0x01, offsets[1]! + 30);
    await writeFile(path, data);
    const { messages, lost, metrics } = await recover(directory);
    expect(lost).toBe(10);
    expect(messages).toEqual([...ids(0, 10), ...ids(20, 150)]);
    expect(metrics.total('buffer_errors_total', { error_code: 'checksum_mismatch' })).toBe(1);
  });

  it('a record whose checksum holds but whose events do not decode: skipped and counted, never thrown', async () => {
    const { directory, files } = await prepared();
    const path = join(directory, files[0]!);
    const offsets = await recordOffsets(path);
    const data = await readFile(path);
    const start = offsets[1]!;
    const end = offsets[2]!;
    // Keep the header, id and count; replace the events and make the checksum agree again.
    data.fill(0xff, start + 8 + 12, end);
    const crc = crc32c(data.subarray(start + 8, end), crc32c(data.subarray(start, start + 4))) >>> 0;
    data.writeUInt32LE(crc, start + 4);
    await writeFile(path, data);
    const { messages, lost, metrics } = await recover(directory);
    expect(lost).toBe(10);
    expect(messages).toEqual([...ids(0, 10), ...ids(20, 150)]);
    expect(metrics.total('buffer_errors_total', { error_code: 'undecodable' })).toBe(1);
  });

  it('a flipped bit in a length field: the rest of that file is skipped, counted exactly', async () => {
    const { directory, files } = await prepared();
    const [inFirst] = await eventsPerFile(directory, files);
    const path = join(directory, files[0]!);
    const offsets = await recordOffsets(path);
    const data = await readFile(path);
    data.writeUInt8(data.readUInt8(offsets[1]! + 1) ^ 0x40, offsets[1]! + 1);
    await writeFile(path, data);
    const { messages, lost } = await recover(directory);
    expect(lost).toBe(inFirst! - 10);
    expect(messages).toEqual([...ids(0, 10), ...ids(inFirst!, 150)]);
  });

  it('a truncated tail: the torn record is dropped and counted from the ledger', async () => {
    const { directory, files } = await prepared();
    const path = join(directory, files.at(-1)!);
    const size = (await readFile(path)).length;
    await truncate(path, size - 5);
    const { messages, lost, metrics } = await recover(directory);
    expect(lost).toBe(10);
    expect(messages).toEqual(ids(0, 140));
    expect(metrics.total('buffer_errors_total', { error_code: 'torn_tail' })).toBe(1);
  });

  it('a zero-length record: detected, the rest of the file skipped and counted', async () => {
    const { directory, files } = await prepared();
    const [inFirst] = await eventsPerFile(directory, files);
    const path = join(directory, files[0]!);
    const offsets = await recordOffsets(path);
    const data = await readFile(path);
    data.writeUInt32LE(0, offsets[2]!);
    await writeFile(path, data);
    const { messages, lost, metrics } = await recover(directory);
    expect(lost).toBe(inFirst! - 20);
    expect(messages).toEqual([...ids(0, 20), ...ids(inFirst!, 150)]);
    expect(metrics.total('buffer_errors_total', { error_code: 'zero_length' })).toBe(1);
  });

  it('a garbage data file: skipped whole, its events counted', async () => {
    const { directory, files } = await prepared();
    const counts = await eventsPerFile(directory, files);
    await writeFile(join(directory, files[1]!), Buffer.alloc(3000, 0xab));
    const { messages, lost } = await recover(directory);
    expect(lost).toBe(counts[1]);
    expect(messages).toEqual([...ids(0, counts[0]!), ...ids(counts[0]! + counts[1]!, 150)]);
  });

  it('a missing data file: skipped, its events counted from the id gap', async () => {
    const { directory, files } = await prepared();
    const counts = await eventsPerFile(directory, files);
    await rm(join(directory, files[1]!));
    const { messages, lost, metrics } = await recover(directory);
    expect(lost).toBe(counts[1]);
    expect(messages).toEqual([...ids(0, counts[0]!), ...ids(counts[0]! + counts[1]!, 150)]);
    expect(metrics.total('buffer_errors_total', { error_code: 'missing_data_file' })).toBe(1);
  });

  it('a ledger ahead of the data: nothing is re-read, the missing events are counted', async () => {
    const { directory } = await prepared();
    await rewriteLedger(directory, { nextEventId: 170 });
    const { messages, lost } = await recover(directory);
    expect(messages).toEqual(ids(0, 150));
    expect(lost).toBe(20);
  });

  it('data ahead of the ledger (a stale ledger): everything after its position is read, nothing lost', async () => {
    const { directory } = await prepared();
    await rewriteLedger(directory, { ackedEventId: 0, ackedFileId: 0, ackedOffset: 0, nextEventId: 40 });
    const { messages, lost } = await recover(directory);
    expect(messages).toEqual(ids(0, 150));
    expect(lost).toBe(0);
  });

  it('inspect reports positions, sizes, unread events and corruption without changing anything', async () => {
    const { directory, files } = await prepared();
    const healthy = await inspectDiskBuffer(directory);
    expect(healthy).toMatchObject({ healthy: true, unreadEvents: 150, lostEvents: 0 });
    await rm(join(directory, files[1]!));
    const report = await inspectDiskBuffer(directory);
    expect(report.healthy).toBe(false);
    expect(formatDiskBufferReport(report)).toMatch(/problem: missing_data_file/);
    expect((await readdir(directory)).includes(dataFileName(0))).toBe(true);
  });
});

describe('DiskBuffer and an event nested past the limit (made by a plugin: decoders refuse them)', () => {
  it('rejects that one event, counts it, and writes the events around it', async () => {
    const directory = await temporaryDirectory();
    const { buffer, metrics } = await openBuffer(directory);
    const statuses: DeliveryStatus[] = [];
    const poison = createLogEvent(nestedFields(9000), { structured: true });
    attachFinalizer([poison], (status) => statuses.push(status));
    // As the buffer chain writes: the events before the poison, then the poison (taken: rejected), then the rest.
    let remaining = [...makeEvents(100), poison, ...makeEvents(100, {}, 100)];
    const taken: number[] = [];
    while (remaining.length > 0) {
      const count = await buffer.write(remaining);
      taken.push(count);
      remaining = remaining.slice(count);
    }
    expect(taken).toEqual([100, 1, 100]);
    expect(statuses).toEqual(['rejected']);
    expect(metrics.total('buffer_errors_total', { error_code: 'encode_failed' })).toBe(1);
    expect(metrics.total('buffer_discarded_events_total', { intentional: 'false' })).toBe(1);
    expect(await readAll(buffer)).toEqual(ids(0, 200));
  });
});

describe('DiskBuffer and hostile events', () => {
  it('every event is written and read back, or rejected and counted; nothing throws', async () => {
    const directory = await temporaryDirectory();
    const { buffer, metrics } = await openBuffer(directory);
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvents(), { minLength: 1, maxLength: 12 }), async (events) => {
        const rejectedBefore = metrics.total('buffer_discarded_events_total', { intentional: 'false' });
        let remaining = events;
        while (remaining.length > 0) remaining = remaining.slice(await buffer.write(remaining));
        const rejected =
          metrics.total('buffer_discarded_events_total', { intentional: 'false' }) - rejectedBefore;
        let read = 0;
        for (let batch = await buffer.read(100); batch.length > 0; batch = await buffer.read(100)) {
          finalizeEvents(batch, 'delivered');
          read += batch.length;
        }
        expect(read + rejected).toBe(events.length);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
