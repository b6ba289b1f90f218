#!/usr/bin/env node
import { version } from './version.js';

// The answer most often scripted, before anything else is loaded.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
const { main } = await import('./main.js');

const code = await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  environment: process.env,
  cwd: process.cwd(),
  signals: process,
  stderrIsTerminal: process.stderr.isTTY === true,
  ...(process.stdout.isTTY ? { terminal: { input: process.stdin, output: process.stdout } } : {}),
  exit: (exitCode) => process.exit(exitCode),
});
// No process.exit: Topology.shutdown closes every handle (clients, sockets, timers, files), so
// the process ends by itself once stdout is flushed (a test checks no handle is left open).
process.exitCode = code;
