import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, realpath, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** The image's user, by number as Kubernetes' runAsNonRoot needs it. */
export const IMAGE_USER = { name: 'sluice', uid: 10001, gid: 10001 };
export const API_PORT = 8686;

export interface ImageEntry {
  path: string;
  type: 'file' | 'directory';
  mode: number;
  content?: Buffer;
  uid?: number;
  gid?: number;
}

/**
 * A tar of the entries, the same bytes for the same entries: sorted, owned as given (root by
 * default), every time the Unix epoch.
 */
export async function tarOf(entries: readonly ImageEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
    const header = {
      name: entry.path.replace(/^\//, ''),
      type: entry.type,
      mode: entry.mode,
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      uname: '',
      gname: '',
      mtime: new Date(0),
    };
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (entry.type === 'file') archive.entry(header, entry.content ?? Buffer.alloc(0), done);
      else archive.entry(header, done);
    });
  }
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** The shared libraries `ldd` resolves for `executable`, and its ELF interpreter, as absolute paths. */
export function sharedLibraries(executable: string): string[] {
  const output = execFileSync('ldd', [executable], { encoding: 'utf8' });
  return [...output.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((match) => match[1] as string);
}

/** Every parent directory of the paths, as image directories (root's, 0755). */
function parentsOf(paths: readonly string[]): ImageEntry[] {
  const directories = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    for (let length = 1; length < parts.length; length += 1)
      directories.add(`/${parts.slice(0, length).join('/')}`);
  }
  return [...directories].map((path) => ({ path, type: 'directory', mode: 0o755 }));
}

const file = (path: string, content: string | Buffer, mode = 0o644): ImageEntry => ({
  path,
  type: 'file',
  mode,
  content: Buffer.from(content),
});

/**
 * The root filesystem: the executable and the shared libraries it loads (no base image, no shell),
 * a non-root user, `/etc/sluice/sluice.yaml`, `/var/lib/sluice` for data (a volume) and the
 * copyright files of what it carries.
 */
export async function imageEntries(options: {
  executable: string;
  config: string;
  licenses: Readonly<Record<string, string>>;
}): Promise<ImageEntry[]> {
  const { name, uid, gid } = IMAGE_USER;
  const files: ImageEntry[] = [
    file('/usr/bin/sluice', await readFile(options.executable), 0o755),
    file('/etc/sluice/sluice.yaml', await readFile(options.config)),
    file(
      '/etc/passwd',
      `root:x:0:0:root:/root:/sbin/nologin\n${name}:x:${uid}:${gid}:Sluice:/var/lib/sluice:/sbin/nologin\n`,
    ),
    file('/etc/group', `root:x:0:\n${name}:x:${gid}:\n`),
    file('/etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n'),
    // A container runtime mounts its own; this one serves a bare `runc` run.
    file('/etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost\n'),
  ];
  for (const library of sharedLibraries(options.executable))
    files.push(file(library, await readFile(await realpath(library)), 0o755));
  for (const [packageName, path] of Object.entries(options.licenses))
    files.push(file(`/usr/share/doc/${packageName}/copyright`, await readFile(path)));
  const directories: ImageEntry[] = [
    { path: '/var/lib/sluice', type: 'directory', mode: 0o750, uid, gid },
    { path: '/usr/lib/sluice/plugins', type: 'directory', mode: 0o755 },
    { path: '/tmp', type: 'directory', mode: 0o1777 },
    { path: '/root', type: 'directory', mode: 0o700 },
  ];
  const explicit = new Set(directories.map((entry) => entry.path));
  const parents = parentsOf([...files, ...directories].map((entry) => entry.path)).filter(
    (entry) => !explicit.has(entry.path),
  );
  return [...parents, ...directories, ...files];
}

const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Blob {
  digest: string;
  bytes: Buffer;
}

function blob(bytes: Buffer | string): Blob {
  const buffer = Buffer.from(bytes);
  return { digest: sha256(buffer), bytes: buffer };
}

/**
 * An OCI image archive (an OCI image layout in a tar: `podman load`, `skopeo copy oci-archive:`,
 * `docker load`), one layer; `manifest.json` beside it for Docker's older `docker load`.
 */
export async function writeOciArchive(options: {
  entries: readonly ImageEntry[];
  version: string;
  output: string;
}): Promise<void> {
  const layerTar = await tarOf(options.entries);
  const layer = blob(gzipSync(layerTar));
  const created = new Date(0).toISOString();
  const { uid, gid } = IMAGE_USER;
  const labels = {
    'org.opencontainers.image.title': 'sluice',
    'org.opencontainers.image.description':
      'Ships logs from TCP to AWS Kinesis Data Streams, with Vector-compatible configs.',
    'org.opencontainers.image.version': options.version,
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.source': 'https://github.com/sluice-dev/sluice',
  };
  const config = blob(
    JSON.stringify({
      created,
      architecture: 'amd64',
      os: 'linux',
      config: {
        User: `${uid}:${gid}`,
        Entrypoint: ['/usr/bin/sluice'],
        Cmd: ['--config', '/etc/sluice/sluice.yaml'],
        Env: ['PATH=/usr/bin'],
        WorkingDir: '/var/lib/sluice',
        ExposedPorts: { [`${API_PORT}/tcp`]: {} },
        Volumes: { '/var/lib/sluice': {} },
        StopSignal: 'SIGTERM',
        Labels: labels,
      },
      rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
      history: [{ created, created_by: 'pnpm release:build (tooling/release/src/container.ts)' }],
    }),
  );
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: config.digest,
        size: config.bytes.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: layer.digest,
          size: layer.bytes.length,
        },
      ],
      annotations: labels,
    }),
  );
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: manifest.digest,
        size: manifest.bytes.length,
        platform: { architecture: 'amd64', os: 'linux' },
        annotations: {
          'org.opencontainers.image.ref.name': options.version,
          'io.containerd.image.name': `sluice:${options.version}`,
        },
      },
    ],
  };
  const path = (item: Blob) => `blobs/sha256/${item.digest.slice('sha256:'.length)}`;
  const dockerManifest = [
    { Config: path(config), RepoTags: [`sluice:${options.version}`], Layers: [path(layer)] },
  ];
  const archive = await tarOf([
    { path: 'blobs', type: 'directory', mode: 0o755 },
    { path: 'blobs/sha256', type: 'directory', mode: 0o755 },
    ...[layer, config, manifest].map((item) => file(path(item), item.bytes)),
    file('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' })),
    file('index.json', JSON.stringify(index)),
    file('manifest.json', JSON.stringify(dockerManifest)),
  ]);
  await writeFile(options.output, archive);
}
