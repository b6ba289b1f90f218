import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAwsPackage, redactSecrets } from './secrets.js';
import { removeValidatedFiles, validateFiles } from './test-helpers/validate.js';

afterEach(removeValidatedFiles);

/**
 * A stand-in for Vector's tests/behavior/secrets/mock_secrets_exec.py: answers the secrets it is
 * asked for from a fixed table, an error for the others, and notes the query on stderr.
 */
const execBackend = `
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const query = JSON.parse(input);
  const known = { fake_secret_1: '123456', fake_secret_2: 'demo_logs', region: 'eu-west-1' };
  const answer = {};
  for (const key of query.secrets)
    answer[key] = key in known ? { value: known[key], error: null } : { value: null, error: 'backend does not provide secret key' };
  if (query.version === '1.1') answer.fake_secret_1 = { value: query.type + ':' + query.config.file_path, error: null };
  process.stderr.write('asked for ' + query.secrets.length + '\\n');
  process.stdout.write(JSON.stringify(answer));
});
`;

const pipeline = (source: string, sink: string) =>
  `sources:\n  in:\n${source}\nsinks:\n  out:\n    type: console\n    inputs: [in]\n    encoding: { codec: json }\n${sink}\n`;

describe("Vector's secret backends, referenced as SECRET[backend.key]", () => {
  it('exec: the JSON protocol (v1 and v1.1), stderr logged; the secrets replace the references', async () => {
    const result = await validateFiles(
      {
        'backend.mjs': execBackend,
        'vector.yaml': `secret:
  backend_1:
    type: exec
    command: ["${process.execPath}", "backend.mjs"]
  backend_2:
    type: exec
    command: ["${process.execPath}", "backend.mjs"]
    timeout: 10
    protocol:
      version: v1_1
      backend_type: file.json
      backend_config:
        file_path: /abc.json
${pipeline('    type: "SECRET[backend_1.fake_secret_2]"\n    format: shuffle\n    lines: ["SECRET[backend_2.fake_secret_1]"]', '    target: stdout')}`,
      },
      { configs: ['vector.yaml'] },
    );
    expect(result).toMatchObject({ code: 0, problems: [] });
    expect(result.warnings).toEqual([
      'An exec backend generated message on stderr: asked for 1.',
      'An exec backend generated message on stderr: asked for 1.',
    ]);
  });

  it('file and directory: read when referenced; a key that leads out of the directory is refused', async () => {
    const good = await validateFiles(
      {
        'secrets.json': JSON.stringify({ format: 'json', lines: 'a secret line' }),
        'dir/nested/target': 'stdout\n',
        'vector.yaml': `secret:
  files:
    type: file
    path: secrets.json
  dir:
    type: directory
    path: dir
    remove_trailing_whitespace: true
${pipeline('    type: demo_logs\n    format: SECRET[files.format]', '    target: SECRET[dir.nested/target]')}`,
      },
      { configs: ['vector.yaml'] },
    );
    expect(good).toMatchObject({ code: 0, problems: [] });
    const escaping = await validateFiles(
      {
        'dir/x': 'x',
        'vector.yaml': `secret:\n  dir:\n    type: directory\n    path: dir\n${pipeline('    type: demo_logs\n    format: SECRET[dir.../vector.yaml]', '')}`,
      },
      { configs: ['vector.yaml'] },
    );
    expect(escaping.problems).toEqual([
      'vector.yaml: secret.dir: Error while retrieving secret from backend "dir": secret key \'../vector.yaml\' leads out of the directory.',
    ]);
  });

  it('refuses the config whole when a secret cannot be fetched, naming backend and key; never partly applied', async () => {
    const result = await validateFiles(
      {
        'backend.mjs': execBackend,
        'secrets.json': JSON.stringify({ present: 'x', empty: '' }),
        'vector.yaml': `secret:
  exec:
    type: exec
    command: ["${process.execPath}", "backend.mjs"]
  files:
    type: file
    path: secrets.json
  broken:
    type: exec
${pipeline('    type: demo_logs\n    format: "SECRET[exec.unknown]"\n    lines: ["SECRET[files.empty]", "SECRET[nowhere.key]"]', '')}`,
      },
      { configs: ['vector.yaml'] },
    );
    expect(result.problems.sort()).toEqual([
      'SECRET[nowhere.…]: Backend "nowhere" is required for secret retrieval but was not found in config.',
      'vector.yaml: secret.broken.command: is required: the program and its arguments, a list of strings',
      'vector.yaml: secret.exec: Error while retrieving secret from backend "exec": secret for key \'unknown\' was not retrieved: backend does not provide secret key.',
      'vector.yaml: secret.files: Error while retrieving secret from backend "files": secret for key \'empty\' was empty.',
    ]);
  });

  it("a secret's value is never printed: quoted it is `a secret, not shown`, elsewhere `<secret>`", () => {
    expect(redactSecrets('sinks.out.target: must be one of "stdout" (got "hunter22")', ['hunter22'])).toBe(
      'sinks.out.target: must be one of "stdout" (got a secret, not shown)',
    );
    expect(redactSecrets('token hunter22 in a line; "ab" and ab', ['hunter22', 'ab'])).toBe(
      'token <secret> in a line; a secret, not shown and ab',
    );
  });
});

/**
 * A stand-in for Secrets Manager on 127.0.0.1: GetSecretValue of `prod/logs` answers its
 * SecretString, of `prod/numbers` one with a number, of anything else ResourceNotFoundException;
 * every request is kept to check its target, signature and body.
 */
const SECRET_STRING = JSON.stringify({ format: 'shuffle', line: 'hunter22-line', target: 'hunter22-target' });
const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
const secretsManager = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ headers: request.headers, body });
    const { SecretId } = JSON.parse(body) as { SecretId: string };
    const answer = (status: number, value: object) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(value));
    };
    if (SecretId === 'prod/logs') answer(200, { Name: SecretId, SecretString: SECRET_STRING });
    else if (SecretId === 'prod/numbers')
      answer(200, { Name: SecretId, SecretString: JSON.stringify({ port: 8080 }) });
    else
      answer(400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
  });
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => secretsManager.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(secretsManager.address() as AddressInfo).port}`;
});
afterAll(async () => {
  secretsManager.closeAllConnections();
  await new Promise((resolve) => secretsManager.close(resolve));
});

const awsBackend = (secretId: string) => `secret:
  aws:
    type: aws_secrets_manager
    secret_id: ${secretId}
    region: us-east-1
    endpoint: ${endpoint}
    auth:
      access_key_id: AKIDSLUICETEST
      secret_access_key: dummy-secret-key
`;

describe("Vector's aws_secrets_manager backend (with @sluice/aws)", () => {
  afterEach(() => {
    requests.length = 0;
  });

  it('takes each referenced key from the JSON SecretString of one signed GetSecretValue call', async () => {
    const result = await validateFiles({
      'vector.yaml': `${awsBackend('prod/logs')}${pipeline('    type: demo_logs\n    format: SECRET[aws.format]\n    lines: ["SECRET[aws.line]"]', '    target: stdout')}`,
    });
    expect(result).toMatchObject({ code: 0, problems: [] });
    expect(requests).toHaveLength(1);
    const [{ headers, body }] = requests as [(typeof requests)[0]];
    expect(headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSLUICETEST\/\d{8}\/us-east-1\/secretsmanager\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(body)).toEqual({ SecretId: 'prod/logs' });
  });

  it("a missing key, a value that is not a string, a service error: Vector's errors, the config refused", async () => {
    const missing = await validateFiles({
      'vector.yaml': `${awsBackend('prod/logs')}${pipeline('    type: demo_logs\n    format: SECRET[aws.nope]', '')}`,
    });
    expect(missing.problems).toEqual([
      "vector.yaml: secret.aws: Error while retrieving secret from backend \"aws\": key 'nope' in secret with id 'prod/logs' does not exist.",
    ]);
    const numbers = await validateFiles({
      'vector.yaml': `${awsBackend('prod/numbers')}${pipeline('    type: demo_logs\n    format: SECRET[aws.port]', '')}`,
    });
    expect(numbers.problems).toEqual([
      "vector.yaml: secret.aws: Error while retrieving secret from backend \"aws\": value for key 'port' in secret with id 'prod/numbers' is not a string.",
    ]);
    expect(numbers.problems.join('\n')).not.toContain('8080');
    const notFound = await validateFiles({
      'vector.yaml': `${awsBackend('prod/gone')}${pipeline('    type: demo_logs\n    format: SECRET[aws.format]', '')}`,
    });
    expect(notFound.problems).toEqual([
      'vector.yaml: secret.aws: Error while retrieving secret from backend "aws": ResourceNotFoundException: Secrets Manager can\'t find the specified secret..',
    ]);
    for (const result of [missing, numbers, notFound]) {
      expect(result.code).toBeUndefined();
      expect(`${result.problems.join('\n')}${result.warnings.join('\n')}`).not.toMatch(
        /hunter22|dummy-secret-key/,
      );
    }
  });

  it("a secret's value is never printed, even in the error of the option it lands in", async () => {
    const result = await validateFiles({
      'vector.yaml': `${awsBackend('prod/logs')}${pipeline('    type: demo_logs\n    format: SECRET[aws.format]', '    target: SECRET[aws.target]')}`,
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^vector\.yaml: sinks\.out\.target: .*a secret, not shown/);
    expect(`${result.problems.join('\n')}${result.warnings.join('\n')}`).not.toContain('hunter22');
  });

  it('without @sluice/aws installed, names the package to install in one line', async () => {
    // What Node throws for an import of a package that is not installed.
    const notInstalled = Object.assign(
      new Error(
        "Cannot find package '@sluice/aws' imported from /usr/lib/node_modules/@sluice/cli/dist/secrets.js",
      ),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    await expect(loadAwsPackage(() => Promise.reject(notInstalled))).rejects.toThrow(
      /^the aws_secrets_manager backend is in the package @sluice\/aws, which is not installed: install it beside @sluice\/cli \(npm install @sluice\/aws, with --global for a global install\), or install the sluice package$/,
    );
    // Another failure inside the package is its own error, not "not installed".
    const broken = Object.assign(
      new Error("Cannot find package '@smithy/core' imported from …/aws/dist/index.js"),
      {
        code: 'ERR_MODULE_NOT_FOUND',
      },
    );
    await expect(loadAwsPackage(() => Promise.reject(broken))).rejects.toBe(broken);
    await expect(loadAwsPackage()).resolves.toHaveProperty('getSecretString');
  });

  it('checks its options: secret_id required, region and endpoint strings, auth a table of known keys', async () => {
    const result = await validateFiles({
      'vector.yaml': `secret:\n  aws:\n    type: aws_secrets_manager\n    region: 5\n    auth: yes\n${pipeline('    type: demo_logs\n    format: SECRET[aws.format]', '')}`,
    });
    expect(result.problems.sort()).toEqual([
      'vector.yaml: secret.aws.auth: must be a table',
      'vector.yaml: secret.aws.region: must be a non-empty string',
      'vector.yaml: secret.aws.secret_id: is required: the ID of the secret',
    ]);
    const unknown = await validateFiles({
      'vector.yaml': `${awsBackend('prod/logs')}      acess_key: x\n${pipeline('    type: demo_logs\n    format: SECRET[aws.format]', '')}`,
    });
    expect(unknown.problems).toEqual([
      'vector.yaml: secret.aws: Error while retrieving secret from backend "aws": unknown field "acess_key" of its auth table.',
    ]);
    expect(requests).toHaveLength(0);
  });
});
