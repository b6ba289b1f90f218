#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { isSea } from 'node:sea';
import { setFlagsFromString } from 'node:v8';
import { guardDebugSignal } from './debug-signal.js';
import {
  commandLineAgain,
  environmentWithFlags,
  growHeapAsMeasured,
  heapConfigured,
  heapFlags,
  heapLimitOf,
  runsPipeline,
} from './heap.js';
import { version } from './version.js';

// A reader that stops early (`sluice --help | head -1`) closes the pipe: the rest is not wanted,
// and no stack trace either. A sink writing to stdout sees the failure on its own writes.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

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
  execve(
    process.execPath,
    commandLineAgain(process.execPath, process.execArgv, process.argv, isSea()),
    environmentWithFlags(process.env, flags),
  );
}

// Node names its main thread, whose name is the process's, node-MainThread: ps -C, pgrep -x and top
// show sluice instead, and the command line stays as it is (setting process.title would replace it).
if (process.platform === 'linux') {
  try {
    writeFileSync('/proc/self/comm', 'sluice');
  } catch {
    // No /proc here: the name is cosmetic.
  }
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
