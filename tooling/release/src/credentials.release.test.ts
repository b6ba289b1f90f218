import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type KinesisLocal, readAllRecords, startKinesisLocal } from '@sluice/kinesis-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executablePath } from './paths.js';
import {
  containerCredentialsServer,
  instanceMetadataServer,
  type Keys,
  keysNamed,
  type LocalServer,
  recordingProxy,
  stsServer,
} from './test-helpers/aws-fakes.js';
import { command, emptyDirectory, installOnPath } from './test-helpers/commands.js';

/**
 * The single executable, installed on PATH and called by name from another directory, ships to a
 * local Kinesis with each source of credentials the AWS chain supports. A proxy in front of
 * kinesis-local records which access key signed each request: the records must arrive, signed
 * with the keys that source hands out and no other.
 */

const EVENTS = 5;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/shipper';

const streams = [
  'environment',
  'profile',
  'credentials-file',
  'credential-process',
  'container',
  'instance-metadata',
  'assume-role',
  'web-identity',
] as const;
type Stream = (typeof streams)[number];

let kinesis: KinesisLocal;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let installed: { directory: string; path: string };
let home: string;
let workingDirectory: string;
const servers: LocalServer[] = [];

beforeAll(async () => {
  expect(existsSync(executablePath()), 'run pnpm release:build first').toBe(true);
  installed = await installOnPath(executablePath());
  home = await emptyDirectory('sluice-home-');
  workingDirectory = await emptyDirectory('sluice-cwd-');
  kinesis = await startKinesisLocal({ streams: streams.map((name) => ({ name })) });
  proxy = await recordingProxy(kinesis.endpoint);
  servers.push(proxy);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await kinesis?.stop();
  for (const directory of [installed?.directory, home, workingDirectory])
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

/** Writes the config (demo_logs → aws_kinesis_streams through the proxy) into the working directory. */
async function config(stream: Stream, auth: Record<string, string> = {}): Promise<string> {
  const authLines = Object.entries(auth).map(([key, value]) => `${key} = ${JSON.stringify(value)}`);
  const text = [
    '[sources.in]',
    'type = "demo_logs"',
    'format = "json"',
    `count = ${EVENTS}`,
    'interval = 0',
    '[sinks.out]',
    'type = "aws_kinesis_streams"',
    'inputs = ["in"]',
    'region = "us-east-1"',
    `endpoint = "${proxy.url}"`,
    `stream_name = "${stream}"`,
    'encoding = { codec = "json" }',
    ...(authLines.length > 0 ? ['[sinks.out.auth]', ...authLines] : []),
    '',
  ].join('\n');
  await writeFile(join(workingDirectory, `${stream}.toml`), text);
  return `${stream}.toml`;
}

/**
 * Runs `sluice --config <file>` by name, with an environment of PATH, an empty HOME and `environment`
 * only; then every record must be in the stream and every Kinesis request signed with `keys`.
 */
async function shipsWith(stream: Stream, keys: Keys, environment: Record<string, string>, auth = {}) {
  const file = await config(stream, auth);
  proxy.signedWith.length = 0;
  const result = await command('sluice', ['--config', file], {
    cwd: workingDirectory,
    env: { PATH: installed.path, HOME: home, ...environment },
  });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  const records = await readAllRecords({ endpoint: kinesis.endpoint, streamName: stream });
  expect(records).toHaveLength(EVENTS);
  expect(proxy.signedWith.length).toBeGreaterThan(0);
  expect(new Set(proxy.signedWith)).toEqual(new Set([keys.accessKeyId]));
}

describe('the executable on PATH loads AWS credentials from', () => {
  it('the environment', async () => {
    const keys = keysNamed('environment');
    await shipsWith('environment', keys, {
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_SESSION_TOKEN: keys.sessionToken,
    });
  });

  it('the shared credentials file, with a profile (AWS_PROFILE)', async () => {
    const keys = keysNamed('profile');
    const other = keysNamed('default');
    await mkdir(join(home, '.aws'), { recursive: true });
    await writeFile(
      join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n` +
        `[shipping]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    );
    try {
      await shipsWith('profile', keys, { AWS_PROFILE: 'shipping' });
    } finally {
      await rm(join(home, '.aws'), { recursive: true, force: true });
    }
  });

  it("a credentials file and profile named in the sink's auth options", async () => {
    const keys = keysNamed('file');
    const file = join(workingDirectory, 'aws-credentials');
    await writeFile(
      file,
      `[ops]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    );
    await shipsWith('credentials-file', keys, {}, { credentials_file: file, profile: 'ops' });
  });

  it('a credential_process of the profile', async () => {
    const keys = keysNamed('process');
    const script = join(home, 'credentials.sh');
    await writeFile(
      script,
      `#!/bin/sh\necho '${JSON.stringify({ Version: 1, AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, SessionToken: keys.sessionToken })}'\n`,
    );
    await chmod(script, 0o755);
    await mkdir(join(home, '.aws'), { recursive: true });
    await writeFile(join(home, '.aws', 'config'), `[profile tool]\ncredential_process = ${script}\n`);
    try {
      await shipsWith('credential-process', keys, { AWS_PROFILE: 'tool' });
    } finally {
      await rm(join(home, '.aws'), { recursive: true, force: true });
    }
  });

  it('the container credentials endpoint (ECS, EKS Pod Identity)', async () => {
    const keys = keysNamed('container');
    const server = await containerCredentialsServer(keys, '/v2/credentials/sluice', 'container-token');
    servers.push(server);
    await shipsWith('container', keys, {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/v2/credentials/sluice`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-token',
    });
    expect(server.requests).toContain('GET /v2/credentials/sluice');
  });

  it('the instance metadata service (IMDSv2, an instance profile)', async () => {
    const keys = keysNamed('instance');
    const server = await instanceMetadataServer(keys, 'shipper-role');
    servers.push(server);
    await shipsWith('instance-metadata', keys, { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url });
    expect(server.requests).toContain('PUT /latest/api/token');
    expect(server.requests).toContain('GET /latest/meta-data/iam/security-credentials/shipper-role');
  });

  it('assume_role through STS, with the keys of the chain', async () => {
    const base = keysNamed('base');
    const assumed = keysNamed('assumed');
    const sts = await stsServer(assumed);
    servers.push(sts);
    await shipsWith(
      'assume-role',
      assumed,
      {
        AWS_ACCESS_KEY_ID: base.accessKeyId,
        AWS_SECRET_ACCESS_KEY: base.secretAccessKey,
        AWS_ENDPOINT_URL_STS: sts.url,
      },
      { assume_role: ROLE_ARN, external_id: 'sluice-external-id' },
    );
    expect(sts.calls).toContainEqual({
      action: 'AssumeRole',
      roleArn: ROLE_ARN,
      signedWith: base.accessKeyId,
      externalId: 'sluice-external-id',
    });
  });

  it('a web identity token (EKS IRSA) through STS', async () => {
    const keys = keysNamed('webidentity');
    const sts = await stsServer(keys);
    servers.push(sts);
    const tokenFile = join(home, 'web-identity-token');
    await writeFile(tokenFile, 'a-web-identity-token');
    await shipsWith('web-identity', keys, {
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: ROLE_ARN,
      AWS_ENDPOINT_URL_STS: sts.url,
    });
    expect(sts.calls.map((call) => call.action)).toContain('AssumeRoleWithWebIdentity');
  });
});
