import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@sluice/kinesis-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PORT, IMAGE_USER } from './container.js';
import { ociArchivePath, RELEASE_DIRECTORY, releaseVersion } from './paths.js';
import { command, emptyDirectory, jsonLines } from './test-helpers/commands.js';

/**
 * The OCI archive, checked by the tools that consume it: `umoci` unpacks it (verifying every
 * digest) into a runtime bundle that `runc` runs with the image's own user, entrypoint and default
 * config; `podman load` reads it as an image.
 */

const version = releaseVersion();
const archive = ociArchivePath(version);
const CONTAINER = `sluice-release-test-${process.pid}`;
let scratch: string;
let bundle: string;

interface RuntimeConfig {
  process: {
    user: { uid: number; gid: number };
    args: string[];
    env: string[];
    cwd: string;
    terminal?: boolean;
    rlimits?: unknown;
  };
  linux: { namespaces: Array<{ type: string }> };
}

beforeAll(async () => {
  expect(existsSync(archive), `${archive}: run pnpm release:build first`).toBe(true);
  scratch = await emptyDirectory('sluice-oci-');
  const layout = join(scratch, 'layout');
  bundle = join(scratch, 'bundle');
  const extracted = await command('tar', ['-xf', archive, '--one-top-level=layout'], { cwd: scratch });
  expect(extracted.code, extracted.stderr).toBe(0);
  const unpacked = await command('umoci', ['unpack', '--image', `${layout}:${version}`, bundle]);
  expect(unpacked.code, unpacked.stderr).toBe(0);
});
afterAll(async () => {
  await command('runc', ['delete', '--force', CONTAINER]);
  await command('podman', ['rmi', '--force', `localhost/sluice:${version}`]);
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('the container image', () => {
  it('is the executable, its shared libraries and a non-root user: no shell, no base image', async () => {
    const rootfs = join(bundle, 'rootfs');
    expect(existsSync(join(rootfs, 'usr/bin/sluice'))).toBe(true);
    expect(existsSync(join(rootfs, 'bin/sh'))).toBe(false);
    expect(await readFile(join(rootfs, 'etc/passwd'), 'utf8')).toContain(
      `${IMAGE_USER.name}:x:${IMAGE_USER.uid}:${IMAGE_USER.gid}:`,
    );
    const data = await stat(join(rootfs, 'var/lib/sluice'));
    expect([data.uid, data.gid]).toEqual([IMAGE_USER.uid, IMAGE_USER.gid]);
    const config = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as RuntimeConfig;
    expect(config.process.user).toMatchObject({ uid: IMAGE_USER.uid, gid: IMAGE_USER.gid });
    expect(config.process.args).toEqual(['/usr/bin/sluice', '--config', '/etc/sluice/sluice.yaml']);
    expect(config.process.cwd).toBe('/var/lib/sluice');
  });

  it('runs its default config under runc and answers /health for probes', async () => {
    const path = join(bundle, 'config.json');
    const config = JSON.parse(await readFile(path, 'utf8')) as RuntimeConfig;
    const port = await freePort();
    // The host's network (to reach the API from here), the API on a free port, and no rlimits: this
    // machine's sandbox refuses a runtime setting them (EPERM), whatever the values.
    config.linux.namespaces = config.linux.namespaces.filter((namespace) => namespace.type !== 'network');
    config.process.env.push(`SLUICE_API_ADDRESS=127.0.0.1:${port}`);
    delete config.process.rlimits;
    // Its output to pipes here, as a container engine's log driver has it (umoci asks for a terminal).
    config.process.terminal = false;
    await writeFile(path, JSON.stringify(config));

    const container: ChildProcess = spawn('runc', ['run', '--bundle', bundle, CONTAINER], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(container, 'exit');
    let stdout = '';
    let stderr = '';
    container.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const firstEvent = new Promise<void>((resolve) => {
      container.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve();
      });
    });
    try {
      await Promise.race([firstEvent, exited.then(() => Promise.reject(new Error(`exited: ${stderr}`)))]);
      expect(jsonLines(stdout)[0]).toMatchObject({ source_type: 'demo_logs' });
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const state = JSON.parse((await command('runc', ['state', CONTAINER])).stdout) as { pid: number };
      const status = await readFile(`/proc/${state.pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\s+${IMAGE_USER.uid}\\s`, 'm'));
    } finally {
      await command('runc', ['kill', CONTAINER, 'TERM']);
    }
    const [code] = await exited;
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('pipeline stopped');
  });

  it('loads into podman with its user, entrypoint, port and data volume', async () => {
    const loaded = await command('podman', ['load', '--input', archive]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const inspected = await command('podman', ['image', 'inspect', `sluice:${version}`]);
    expect(inspected.code, inspected.stderr).toBe(0);
    const [image] = JSON.parse(inspected.stdout) as Array<{ Config: Record<string, unknown> }>;
    expect(image?.Config).toMatchObject({
      User: `${IMAGE_USER.uid}:${IMAGE_USER.gid}`,
      Entrypoint: ['/usr/bin/sluice'],
      Cmd: ['--config', '/etc/sluice/sluice.yaml'],
      ExposedPorts: { [`${API_PORT}/tcp`]: {} },
      Volumes: { '/var/lib/sluice': {} },
    });
  });

  it('has a Dockerfile for who builds their own, describing the same image', async () => {
    const dockerfile = await readFile(join(RELEASE_DIRECTORY, 'container', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^USER ${IMAGE_USER.uid}:${IMAGE_USER.gid}$`, 'm'));
    expect(dockerfile).toMatch(/^VOLUME \/var\/lib\/sluice$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${API_PORT}$`, 'm'));
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/bin/sluice"]');
    expect(dockerfile).toContain('CMD ["--config", "/etc/sluice/sluice.yaml"]');
    expect(existsSync(join(RELEASE_DIRECTORY, 'container', 'sluice.yaml'))).toBe(true);
  });
});
