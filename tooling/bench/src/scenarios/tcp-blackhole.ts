import { once } from 'node:events';
import { createServer } from 'node:net';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { benchRegistry, counter, freePort, quietLogger, sendLines } from '../harness.js';
import { measure, type Scenario } from '../scenario.js';

const scenario: Scenario = {
  name: 'tcp-blackhole',
  description:
    'socket source → blackhole through the real topology vs a bare Node TCP server that only splits lines',
  async run(options) {
    const size = options.size ?? 200;
    const total = options.events ?? (options.quick ? 200_000 : 5_000_000);
    const subject = await (async () => {
      const port = await freePort();
      const plan = await planTopology(
        {
          sources: { tcp_in: { type: 'socket', mode: 'tcp', address: `127.0.0.1:${port}` } },
          sinks: { out: { type: 'bench_counter', inputs: ['tcp_in'] } },
        },
        { registry: benchRegistry() },
      );
      const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
      counter.reset(total);
      const running = topology.run();
      const measured = await measure('sluice tcp → blackhole', async () => {
        await Promise.all([sendLines(port, total, size + 1), counter.done]);
        return { events: counter.seen, bytes: counter.seen * size };
      });
      await topology.shutdown({ deadlineMs: 10_000 });
      await running;
      return measured;
    })();
    const baseline = await (async () => {
      const port = await freePort();
      let lines = 0;
      let resolveDone: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        resolveDone = resolve;
      });
      const server = createServer((socket) => {
        let rest: Buffer | undefined;
        socket.on('data', (chunk: Buffer) => {
          const data = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
          let start = 0;
          for (;;) {
            const newline = data.indexOf(10, start);
            if (newline === -1) break;
            data.subarray(start, newline);
            lines += 1;
            start = newline + 1;
          }
          rest = start < data.length ? data.subarray(start) : undefined;
          if (lines >= total) resolveDone();
        });
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      const measured = await measure('bare Node TCP server splitting lines', async () => {
        await Promise.all([sendLines(port, total, size + 1), done]);
        return { events: lines, bytes: lines * size };
      });
      server.close();
      return measured;
    })();
    return [{ name: 'tcp → blackhole', subject, baseline, target: '≥ 1M events/s and ≥ 0.25 of bare' }];
  },
};

export default scenario;
