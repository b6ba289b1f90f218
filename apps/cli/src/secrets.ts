import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ConfigProblem } from '@sluice/component-api';
import { isMissing } from './builtins.js';

/*
 * Vector's secrets (src/secrets, src/config/loading/secret.rs): backends under the top-level
 * `secret` table, referenced as `SECRET[<backend>.<key>]`; every referenced secret is fetched when
 * the config loads (and at each reload), and a config with any secret that cannot be fetched is
 * refused whole, never partly applied. Beyond Vector: a secret replaces the reference inside the
 * string value that holds it, after parsing, so its value can never add keys or tables (Vector
 * substitutes raw text); a `directory` key cannot leave its directory; and a secret's value is
 * never printed in a config error or log line (see `redactSecrets`).
 */

/** Vector's grammar: a backend name of letters, digits, `_` and `-`; a key also with `.` and `/`. */
const REFERENCE = /SECRET\[([\w-]+)\.([\w.\-/]+)\]/g;

/** The most a secret (and the output of an `exec` backend) may be: a config value, not a file. */
export const MAX_SECRET_BYTES = 64 * 1024;
const MAX_EXEC_OUTPUT_BYTES = 1024 * 1024;

type Problem = Omit<ConfigProblem, 'file'>;

const isTable = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** The keys each backend is asked for: every reference in a string value of the parsed files. */
export function secretReferences(trees: readonly unknown[]): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const [, backend, key] of value.matchAll(REFERENCE)) {
        const set = keys.get(backend as string) ?? new Set<string>();
        set.add(key as string);
        keys.set(backend as string, set);
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isTable(value)) Object.values(value).forEach(visit);
  };
  trees.forEach(visit);
  return keys;
}

/** Replaces, in place, every reference in the string values with its secret. */
export function substituteSecrets(tree: unknown, secrets: ReadonlyMap<string, string>): unknown {
  if (typeof tree === 'string')
    return tree.includes('SECRET[')
      ? tree.replace(
          REFERENCE,
          (match, backend: string, key: string) => secrets.get(`${backend}.${key}`) ?? match,
        )
      : tree;
  if (Array.isArray(tree)) {
    for (let index = 0; index < tree.length; index += 1)
      tree[index] = substituteSecrets(tree[index], secrets);
  } else if (isTable(tree)) {
    for (const key of Object.keys(tree)) tree[key] = substituteSecrets(tree[key], secrets);
  }
  return tree;
}

const checkValue = (key: string, value: unknown): string => {
  if (typeof value !== 'string' || value === '') throw new Error(`secret for key '${key}' was empty`);
  if (Buffer.byteLength(value) > MAX_SECRET_BYTES)
    throw new Error(`secret for key '${key}' is more than ${MAX_SECRET_BYTES} bytes`);
  return value;
};

/** Vector's `file` backend: a JSON object of string secrets. */
async function fromFile(
  backend: Record<string, unknown>,
  keys: Set<string>,
  cwd: string,
): Promise<Map<string, string>> {
  const text = await readFile(resolve(cwd, backend.path as string), 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the file is not a JSON object of secrets');
  }
  if (!isTable(parsed)) throw new Error('the file is not a JSON object of secrets');
  const secrets = new Map<string, string>();
  for (const key of keys) {
    if (!Object.hasOwn(parsed, key)) throw new Error(`secret for key '${key}' was not retrieved`);
    secrets.set(key, checkValue(key, parsed[key]));
  }
  return secrets;
}

/** Vector's `directory` backend: one file per secret, named by its key (which may hold `/`). */
async function fromDirectory(
  backend: Record<string, unknown>,
  keys: Set<string>,
  cwd: string,
): Promise<Map<string, string>> {
  const directory = resolve(cwd, backend.path as string);
  const secrets = new Map<string, string>();
  for (const key of keys) {
    const file = resolve(directory, key);
    const inside = relative(directory, file);
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`secret key '${key}' leads out of the directory`);
    const contents = await readFile(file, 'utf8');
    const secret = backend.remove_trailing_whitespace === true ? contents.trimEnd() : contents;
    if (secret === '') throw new Error(`secret in file '${key}' was empty`);
    secrets.set(key, checkValue(key, secret));
  }
  return secrets;
}

/**
 * Vector's `exec` backend: the command gets `{"version": "1.0", "secrets": [...]}` on stdin (1.1
 * adds `type` and `config`) and answers `{"<key>": {"value": "...", "error": null}}` on stdout,
 * within `timeout` seconds; a line on stderr is logged as a warning. An error for any key, a
 * command that fails, times out or answers something else refuses the config.
 */
async function fromExec(
  backend: Record<string, unknown>,
  keys: Set<string>,
  cwd: string,
  warn: (message: string) => void,
): Promise<Map<string, string>> {
  const [command, ...args] = backend.command as string[];
  const protocol = (backend.protocol ?? { version: 'v1' }) as Record<string, unknown>;
  const query: Record<string, unknown> = {
    version: protocol.version === 'v1_1' ? '1.1' : '1.0',
    secrets: [...keys],
  };
  if (protocol.version === 'v1_1') {
    query.type = protocol.backend_type;
    query.config = protocol.backend_config;
  }
  const timeoutMs = ((backend.timeout as number | undefined) ?? 5) * 1000;
  const output = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(command as string, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Command timed-out'));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EXEC_OUTPUT_BYTES) {
        child.kill('SIGKILL');
        reject(new Error(`the command wrote more than ${MAX_EXEC_OUTPUT_BYTES} bytes`));
      } else chunks.push(chunk);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = stderr.split('\n');
      stderr = lines.pop() ?? '';
      for (const line of lines) warn(`An exec backend generated message on stderr: ${line}.`);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stderr !== '') warn(`An exec backend generated message on stderr: ${stderr}.`);
      if (code !== 0) reject(new Error(`the command exited with status ${code}`));
      else resolvePromise(Buffer.concat(chunks).toString('utf8'));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(query));
  });
  let answer: unknown;
  try {
    answer = JSON.parse(output);
  } catch {
    throw new Error('the command did not answer a JSON object');
  }
  if (!isTable(answer)) throw new Error('the command did not answer a JSON object');
  const secrets = new Map<string, string>();
  for (const key of keys) {
    const entry = answer[key];
    if (!isTable(entry)) throw new Error(`secret for key '${key}' was not retrieved`);
    if (typeof entry.error === 'string')
      throw new Error(`secret for key '${key}' was not retrieved: ${entry.error}`);
    secrets.set(key, checkValue(key, entry.value));
  }
  return secrets;
}

type AwsPackage = typeof import('@sluice/aws');

/**
 * `@sluice/aws`, an optional peer of `@sluice/cli`, imported only when a config uses a backend that
 * needs it; when it is not installed, the error says in one line what to install.
 */
export async function loadAwsPackage(
  load: () => Promise<AwsPackage> = () => import('@sluice/aws'),
): Promise<AwsPackage> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, '@sluice/aws')) throw error;
    throw new Error(
      'the aws_secrets_manager backend is in the package @sluice/aws, which is not installed: install it beside @sluice/cli (npm install @sluice/aws, with --global for a global install), or install the sluice package',
      { cause: error },
    );
  }
}

/** A GetSecretValue call that gets no answer in this long fails (the SDK Vector uses has no bound). */
const SECRETS_MANAGER_TIMEOUT_MS = 30_000;

/**
 * Vector's `aws_secrets_manager` backend: GetSecretValue of `secret_id` (with `@sluice/aws`, loaded
 * only for a config that uses this backend), whose SecretString is a JSON object of key → string;
 * each referenced key is taken from it, Vector's errors for a missing or empty key.
 */
async function fromSecretsManager(
  backend: Record<string, unknown>,
  keys: Set<string>,
): Promise<Map<string, string>> {
  const aws = await loadAwsPackage();
  const auth = (backend.auth ?? {}) as Record<string, unknown>;
  const authOptions = Object.keys(aws.awsAuthSchema.properties);
  for (const key of Object.keys(auth))
    if (!authOptions.includes(key)) throw new Error(`unknown field "${key}" of its auth table`);
  const secretId = backend.secret_id as string;
  const text = await aws.getSecretString(
    backend as unknown as Parameters<typeof aws.getSecretString>[0],
    AbortSignal.timeout(SECRETS_MANAGER_TIMEOUT_MS),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // Vector reads it as a map of strings: anything else refuses it whole (never quoting a value).
  if (!isTable(parsed)) throw new Error(`secret with id '${secretId}' is not a JSON object of string values`);
  for (const [key, value] of Object.entries(parsed))
    if (typeof value !== 'string')
      throw new Error(`value for key '${key}' in secret with id '${secretId}' is not a string`);
  const secrets = new Map<string, string>();
  for (const key of keys) {
    if (!Object.hasOwn(parsed, key))
      throw new Error(`key '${key}' in secret with id '${secretId}' does not exist`);
    if (parsed[key] === '')
      throw new Error(`value for key '${key}' in secret with id '${secretId}' was empty`);
    secrets.set(key, checkValue(key, parsed[key]));
  }
  return secrets;
}

/** The problems of a backend's options (Vector's `SecretBackends`), by path inside it. */
function backendProblems(backend: unknown): Problem[] {
  if (!isTable(backend)) return [{ path: '', message: 'must be a table with a type' }];
  const problems: Problem[] = [];
  const allowed: Record<string, readonly string[]> = {
    file: ['type', 'path'],
    directory: ['type', 'path', 'remove_trailing_whitespace'],
    exec: ['type', 'command', 'timeout', 'protocol'],
    aws_secrets_manager: ['type', 'secret_id', 'region', 'endpoint', 'auth', 'tls'],
  };
  const type = backend.type;
  if (typeof type !== 'string' || allowed[type] === undefined)
    return [
      {
        path: 'type',
        message: `must be one of "file", "directory", "exec", "aws_secrets_manager" (got ${JSON.stringify(type)})`,
      },
    ];
  for (const key of Object.keys(backend))
    if (!allowed[type]?.includes(key))
      problems.push({ path: key, message: `unknown field "${key}" of a ${type} backend` });
  if ((type === 'file' || type === 'directory') && typeof backend.path !== 'string')
    problems.push({ path: 'path', message: 'is required: the path to read secrets from' });
  if (
    type === 'directory' &&
    backend.remove_trailing_whitespace !== undefined &&
    typeof backend.remove_trailing_whitespace !== 'boolean'
  )
    problems.push({ path: 'remove_trailing_whitespace', message: 'must be boolean' });
  if (type === 'exec') {
    const command = backend.command;
    if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string'))
      problems.push({
        path: 'command',
        message: 'is required: the program and its arguments, a list of strings',
      });
    if (backend.timeout !== undefined && !(typeof backend.timeout === 'number' && backend.timeout > 0))
      problems.push({ path: 'timeout', message: 'must be a number of seconds > 0' });
    const protocol = backend.protocol;
    if (protocol !== undefined) {
      const version = isTable(protocol) ? protocol.version : undefined;
      if (version !== 'v1' && version !== 'v1_1')
        problems.push({ path: 'protocol.version', message: 'must be "v1" or "v1_1"' });
      else if (version === 'v1_1' && (!isTable(protocol) || typeof protocol.backend_type !== 'string'))
        problems.push({ path: 'protocol.backend_type', message: 'is required with version "v1_1"' });
    }
  }
  if (type === 'aws_secrets_manager') {
    if (typeof backend.secret_id !== 'string' || backend.secret_id === '')
      problems.push({ path: 'secret_id', message: 'is required: the ID of the secret' });
    for (const key of ['region', 'endpoint'])
      if (backend[key] !== undefined && (typeof backend[key] !== 'string' || backend[key] === ''))
        problems.push({ path: key, message: 'must be a non-empty string' });
    for (const key of ['auth', 'tls'])
      if (backend[key] !== undefined && !isTable(backend[key]))
        problems.push({ path: key, message: 'must be a table' });
  }
  return problems;
}

export interface SecretBackendDefinition {
  /** The file that defines it, for messages. */
  file: string;
  options: unknown;
}

/**
 * Checks every backend and fetches the secrets the references name, all backends at once. Returns
 * the secrets by `backend.key`, or the problems (each naming the backend's file and path).
 */
export async function fetchSecrets(
  backends: ReadonlyMap<string, SecretBackendDefinition>,
  references: ReadonlyMap<string, Set<string>>,
  context: { cwd: string; warn: (message: string) => void },
): Promise<{ secrets: Map<string, string>; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  for (const [id, backend] of backends)
    for (const problem of backendProblems(backend.options))
      problems.push({
        file: backend.file,
        path: problem.path === '' ? `secret.${id}` : `secret.${id}.${problem.path}`,
        message: problem.message,
      });
  const secrets = new Map<string, string>();
  await Promise.all(
    [...references].map(async ([id, keys]) => {
      const backend = backends.get(id);
      if (backend === undefined) {
        problems.push({
          file: undefined,
          path: `SECRET[${id}.…]`,
          message: `Backend "${id}" is required for secret retrieval but was not found in config.`,
        });
        return;
      }
      const options = backend.options as Record<string, unknown>;
      if (backendProblems(options).length > 0) return;
      try {
        let fetched: Map<string, string>;
        if (options.type === 'file') fetched = await fromFile(options, keys, context.cwd);
        else if (options.type === 'directory') fetched = await fromDirectory(options, keys, context.cwd);
        else if (options.type === 'exec') fetched = await fromExec(options, keys, context.cwd, context.warn);
        else fetched = await fromSecretsManager(options, keys);
        for (const [key, value] of fetched) secrets.set(`${id}.${key}`, value);
      } catch (error) {
        problems.push({
          file: backend.file,
          path: `secret.${id}`,
          message: `Error while retrieving secret from backend "${id}": ${(error as Error).message}.`,
        });
      }
    }),
  );
  return { secrets, problems };
}

/**
 * A text with every secret's value hidden: a quoted one (as config errors quote values) becomes
 * `a secret, not shown`, any other occurrence `<secret>` (values of fewer than 4 characters only
 * when quoted, so short secrets do not blank out words).
 */
export function redactSecrets(text: string, values: readonly string[]): string {
  let result = text;
  for (const value of [...values].sort((first, second) => second.length - first.length)) {
    result = result.replaceAll(JSON.stringify(value), 'a secret, not shown');
    if (value.length >= 4) result = result.replaceAll(value, '<secret>');
  }
  return result;
}
