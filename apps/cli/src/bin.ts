#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { guardDebugSignal } from './debug-signal.js';
import {
  environmentWithFlags,
  growHeapAsMeasured,
  heapConfigured,
  heapFlags,
  heapLimitOf,
  runsPipeline,
} from './heap.js';
import { version } from './version.js';

// The answer most often scripted, before anything else is loaded.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

// Before anything else: SIGUSR1 must never open Node's debugger (docs/reliability.md).
await guardDebugSignal();

// The heap limit (docs/memory.md) takes V8 flags that only count when the process starts: a
// pipeline starts again with them, replaced in place (same pid, as a service manager expects),
// unless the user sized the heap. Node < 22.15 cannot replace a process: NODE_OPTIONS there.
const limit = heapLimitOf(argv, process.env);
const pipeline = runsPipeline(argv);
const flags = limit === undefined || !pipeline ? [] : heapFlags(limit);
const { execve } = process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never };
if (flags.length > 0 && execve !== undefined && !heapConfigured(process.execArgv, process.env)) {
  // A single executable's argv[1] is the executable again, not a script.
  const script = process.argv[1] === process.execPath ? [] : [process.argv[1] as string];
  execve(
    process.execPath,
    [process.execPath, ...process.execArgv, ...script, ...argv],
    environmentWithFlags(process.env, flags),
  );
}

// The heap is limited (by the flags above, or by the user): grow it as measured (docs/memory.md).
if (pipeline) growHeapAsMeasured(process.execArgv, process.env, setFlagsFromString);

const { main } = await import('./main.js');

const code = await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  environment: process.env,
  cwd: process.cwd(),
  signals: process,
  stderrIsTerminal: process.stderr.isTTY === true,
  readStandardInput: async () => {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
  ...(process.stdout.isTTY ? { terminal: { input: process.stdin, output: process.stdout } } : {}),
  exit: (exitCode) => process.exit(exitCode),
});
// No process.exit: Topology.shutdown closes every handle (clients, sockets, timers, files), so
// the process ends by itself once stdout is flushed (a test checks no handle is left open).
process.exitCode = code;
