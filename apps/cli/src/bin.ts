#!/usr/bin/env node
import { main } from './main.js';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  environment: process.env,
  cwd: process.cwd(),
  signals: process,
  exit: (exitCode) => process.exit(exitCode),
});
// Keep-alive sockets and timers of finished components must not hold the process open.
process.stdout.write('', () => process.exit(code));
