#!/usr/bin/env node
import { version } from './version.js';

// The answer most often scripted, before anything else is loaded.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
const { main } = await import('./main.js');

// The AWS SDK warns about Node 20's end of support on every start; Sluice supports Node >= 20.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.name;
  if (
    text.includes('NodeVersionSupportWarning') ||
    String(rest[0] ?? '').includes('NodeVersionSupportWarning')
  )
    return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

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
// Keep-alive sockets and timers of finished components must not hold the process open.
process.stdout.write('', () => process.exit(code));
