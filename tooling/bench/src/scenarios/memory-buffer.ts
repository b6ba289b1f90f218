import { MemoryBuffer } from '@sluice/buffer-memory';
import { type Batch, createLogEvent, type LogEvent } from '@sluice/component-api';
import { line } from '../harness.js';
import { measure, type Scenario } from '../scenario.js';

const BATCH = 100;

function batches(total: number, size: number): Batch[] {
  const result: Batch[] = [];
  for (let index = 0; index < total; index += BATCH) {
    result.push(
      Array.from({ length: BATCH }, (_, offset) =>
        createLogEvent({ message: line(size, index + offset) }, { byteSize: size }),
      ),
    );
  }
  return result;
}

const scenario: Scenario = {
  name: 'memory-buffer',
  description: 'memory buffer stage write + read (batches of 100, capacity 500) vs a plain array queue',
  async run(options) {
    const size = options.size ?? 300;
    const total = options.quick ? 100_000 : 3_000_000;
    const input = batches(total, size);
    const subject = await measure('memory buffer', async () => {
      const buffer = new MemoryBuffer({ max_events: 500 });
      let read = 0;
      for (const batch of input) {
        let written = 0;
        while (written < batch.length) {
          written += buffer.write(written === 0 ? batch : batch.slice(written));
          if (written < batch.length) read += buffer.read(500).length;
        }
      }
      while (buffer.unreadEvents > 0) read += buffer.read(500).length;
      return { events: read, bytes: read * size };
    });
    // The same events through a plain array used as a bounded queue: push each event, take 500 at a time.
    const baseline = await measure('plain array queue', async () => {
      let queue: LogEvent[] = [];
      let read = 0;
      for (const batch of input) {
        for (const event of batch) queue.push(event);
        if (queue.length >= 500) {
          const taken = queue.splice(0, 500);
          read += taken.length;
        }
      }
      read += queue.length;
      queue = [];
      return { events: read, bytes: read * size };
    });
    return [{ name: 'memory buffer alone', subject, baseline, target: 'no target; overhead of the stage' }];
  },
};

export default scenario;
