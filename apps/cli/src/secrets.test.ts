import { afterEach, describe, expect, it } from 'vitest';
import { redactSecrets } from './secrets.js';
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

  it('aws_secrets_manager is named as not available yet (it comes with @sluice/aws)', async () => {
    const result = await validateFiles({
      'vector.yaml': `secret:\n  aws:\n    type: aws_secrets_manager\n    secret_id: prod/logs\n${pipeline('    type: demo_logs\n    format: SECRET[aws.format]', '')}`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: secret.aws: Error while retrieving secret from backend "aws": the aws_secrets_manager backend is not available in Sluice yet (it comes with @sluice/aws).',
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
