// temp: profile only the subject of file-blackhole
import { Session } from 'node:inspector/promises';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { benchRegistry, counter, line, quietLogger } from './dist/harness.js';
const total = Number(process.argv[2] ?? 1_000_000), size = 200;
const directory = await mkdtemp(join(tmpdir(), 'sluice-prof-'));
const path = join(directory, 'app.log');
const file = await open(path, 'w');
const perPiece = 20000;
for (let i = 0; i < total; i += perPiece) { let t = ''; for (let o = i; o < Math.min(total, i + perPiece); o++) t += `${line(size, o)}\n`; await file.write(t); }
await file.close();
const session = new Session(); session.connect();
await session.post('Profiler.enable'); 
const plan = await planTopology({ data_dir: directory, sources: { files: { type: 'file', include: [path] } }, sinks: { out: { type: 'bench_counter', inputs: ['files'] } } }, { registry: benchRegistry() });
const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
counter.reset(total);
await session.post('Profiler.start');
const cpu0 = process.cpuUsage(); const t0 = performance.now();
const running = topology.run();
await counter.done;
const t1 = performance.now(); const cpu = process.cpuUsage(cpu0);
const { profile } = await session.post('Profiler.stop');
await topology.shutdown({ deadlineMs: 10000 }); await running;
await writeFile(process.argv[3] ?? '/tmp/fs2prof/subject.cpuprofile', JSON.stringify(profile));
console.log(`${total} lines in ${(t1 - t0).toFixed(0)} ms, cpu ${(cpu.user + cpu.system) / 1000} ms, ${((cpu.user + cpu.system) / total).toFixed(2)} us/line`);
await rm(directory, { recursive: true, force: true });
