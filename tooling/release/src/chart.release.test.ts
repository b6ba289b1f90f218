import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DaemonSet, StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { executablePath, ROOT, TOOLING_DIRECTORY } from './paths.js';
import { command, emptyDirectory, installOnPath } from './test-helpers/commands.js';

/**
 * The Helm chart: `helm lint --strict`, then every object `helm template` renders validated
 * against the Kubernetes API's schemas (kubernetes-models), its shape checked per role, and its
 * sluice.yaml validated by the release's executable.
 */

const CHART = join(ROOT, 'deploy', 'helm', 'sluice');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/DaemonSet': DaemonSet,
  'apps/v1/StatefulSet': StatefulSet,
};

interface Rendered {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // biome-ignore lint/suspicious/noExplicitAny: rendered Kubernetes objects, checked by their models
  spec?: any;
  data?: Record<string, string>;
}

let helm: string;
let installed: { directory: string; path: string };
let scratch: string;

beforeAll(async () => {
  helm = execFileSync(join(TOOLING_DIRECTORY, 'fetch-helm.sh'), { encoding: 'utf8' }).trim();
  expect(existsSync(executablePath()), 'run pnpm release:build first').toBe(true);
  installed = await installOnPath(executablePath());
  scratch = await emptyDirectory('sluice-chart-');
});
afterAll(async () => {
  for (const directory of [installed?.directory, scratch])
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

async function render(role: string, ...sets: string[]): Promise<Rendered[]> {
  const lint = await command(helm, ['lint', '--strict', CHART, '--set', `role=${role}`, ...sets]);
  expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  const rendered = await command(helm, ['template', 'logs', CHART, '--set', `role=${role}`, ...sets]);
  expect(rendered.code, rendered.stderr).toBe(0);
  const objects = parseAllDocuments(rendered.stdout)
    .map((document) => document.toJS() as Rendered | null)
    .filter((object): object is Rendered => object !== null);
  for (const object of objects) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    expect(Model, `${object.kind} has no model here`).toBeDefined();
    expect(
      () => new (Model as NonNullable<typeof Model>)(object as never).validate(),
      object.kind,
    ).not.toThrow();
  }
  return objects;
}

const one = (objects: Rendered[], kind: string) => objects.find((object) => object.kind === kind) as Rendered;

/** The pod's sluice.yaml, validated by the release's executable. */
async function validatesWithSluice(objects: Rendered[]): Promise<void> {
  const file = join(scratch, 'sluice.yaml');
  await writeFile(file, one(objects, 'ConfigMap').data?.['sluice.yaml'] ?? '');
  const result = await command('sluice', ['validate', '--no-environment', '--config', file], {
    env: { PATH: installed.path },
  });
  expect(result.code, result.stderr).toBe(0);
}

function checkPod(template: Rendered['spec']): void {
  const [container] = template.spec.containers;
  expect(container.args).toEqual(['--config', '/etc/sluice/sluice.yaml']);
  for (const probe of [container.livenessProbe, container.readinessProbe])
    expect(probe.httpGet).toEqual({ path: '/health', port: 'api' });
  expect(container.ports).toContainEqual({ name: 'api', containerPort: 8686, protocol: 'TCP' });
  expect(template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  expect(container.securityContext).toMatchObject({
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
  });
  expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/sluice' });
  expect(template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
}

describe('the Helm chart', () => {
  it('agent: a DaemonSet, valid objects, a config sluice validates', async () => {
    const objects = await render('agent');
    expect(objects.map((object) => object.kind).sort()).toEqual(['ConfigMap', 'DaemonSet', 'ServiceAccount']);
    const daemonSet = one(objects, 'DaemonSet');
    checkPod(daemonSet.spec.template);
    expect(daemonSet.spec.template.spec.volumes).toContainEqual({ name: 'data', emptyDir: {} });
    await validatesWithSluice(objects);
  });

  it('aggregator: a StatefulSet with a volume per replica for disk buffers, behind a Service', async () => {
    const objects = await render('aggregator', '--set', 'replicas=3', '--set', 'persistence.size=20Gi');
    expect(objects.map((object) => object.kind).sort()).toEqual([
      'ConfigMap',
      'Service',
      'Service',
      'ServiceAccount',
      'StatefulSet',
    ]);
    const statefulSet = one(objects, 'StatefulSet');
    checkPod(statefulSet.spec.template);
    expect(statefulSet.spec.replicas).toBe(3);
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
      },
    ]);
    expect(one(objects, 'ConfigMap').data?.['sluice.yaml']).toContain('type: disk');
    await validatesWithSluice(objects);
  });

  it('takes a config of its own and refuses an unknown role', async () => {
    const objects = await render(
      'agent',
      '--set-json',
      'config={"api":{"enabled":true,"address":"0.0.0.0:8686"},"sources":{"in":{"type":"stdin"}},"sinks":{"out":{"type":"blackhole","inputs":["in"]}}}',
    );
    expect(one(objects, 'ConfigMap').data?.['sluice.yaml']).toContain('type: blackhole');
    await validatesWithSluice(objects);
    const refused = await command(helm, ['lint', '--strict', CHART, '--set', 'role=collector']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('role');
  });
});
