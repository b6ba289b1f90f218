import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDependencies } from './dependencies.js';
import { NPM_DIRECTORY, ROOT, TOOLING_DIRECTORY } from './paths.js';
import { publishablePackages } from './workspace.js';

/** Dependencies needed without an import: the kinesis-local server is spawned by path, not imported. */
const NEEDED_WITHOUT_IMPORT: Record<string, string[]> = {
  // Everything: the command and every component package it finds beside it.
  sluice: [
    '@sluice/aws',
    '@sluice/buffer-disk',
    '@sluice/sink-elasticsearch',
    '@sluice/sink-firehose',
    '@sluice/sink-http',
    '@sluice/sink-kinesis',
    '@sluice/source-file',
    '@sluice/source-http-server',
    '@sluice/source-syslog',
    '@sluice/source-tcp',
  ],
  '@sluice/kinesis-local': ['kinesis-local'],
  '@sluice/demo': ['kinesis-local'],
};

function tool(name: string, args: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync(join(TOOLING_DIRECTORY, 'node_modules', '.bin', name), args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/**
 * `pnpm release:check` (after `pnpm release:build`): every publishable package declares exactly
 * what it imports, and every tarball passes publint and Are the Types Wrong and carries the LICENSE.
 */
async function main(): Promise<number> {
  const problems: string[] = [];
  for (const entry of await publishablePackages(ROOT)) {
    const extra = NEEDED_WITHOUT_IMPORT[entry.manifest.name] ?? [];
    for (const problem of await checkDependencies(entry.directory, extra)) {
      problems.push(`${problem.packageName}: ${problem.message}`);
    }
  }
  const tarballs = (await readdir(NPM_DIRECTORY)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length === 0) problems.push('release/npm has no tarballs: run pnpm release:build first');
  for (const name of tarballs) {
    const tarball = join(NPM_DIRECTORY, name);
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    if (!files.includes('package/LICENSE')) problems.push(`${name}: no LICENSE`);
    if (files.some((file) => file.startsWith('package/src/'))) problems.push(`${name}: ships src/`);
    const publint = tool('publint', ['--strict', tarball]);
    if (!publint.ok) problems.push(`${name}: publint:\n${publint.output.trim()}`);
    // A command-only package (bin, no exports: the sluice meta-package) has no types to check.
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
    );
    const attw =
      manifest.exports === undefined && manifest.main === undefined
        ? { ok: true, output: '' }
        : tool('attw', ['--profile', 'esm-only', '--format', 'table-flipped', tarball]);
    if (!attw.ok) problems.push(`${name}: attw:\n${attw.output.trim()}`);
    process.stdout.write(`${publint.ok && attw.ok ? 'ok  ' : 'FAIL'} ${name}\n`);
  }
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(`release check: ${tarballs.length} tarballs, ${problems.length} problems\n`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
