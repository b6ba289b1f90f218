import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, inputOf, makeEvents } from '@sluice/testkit';
import { expect, it, onTestFinished, vi } from 'vitest';
import { createKinesisSink } from './sink.js';
import { testOptions } from './test-helpers/options.js';
import { FakeKinesis } from './testing/index.js';

// Its own file, so its own process: no other test has loaded the SDK's modules before this one.
it('loads at start every module the send path needs: a module load failing later (EMFILE) would be cached for good', async () => {
  // The default credentials chain finding keys in a credentials file, as many deployments do.
  const directory = await mkdtemp(join(tmpdir(), 'sluice-lazy-load-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  await writeFile(
    join(directory, 'credentials'),
    '[default]\naws_access_key_id = AKIDTEST\naws_secret_access_key = secret\n',
  );
  await writeFile(join(directory, 'config'), '');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(directory, 'credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', join(directory, 'config'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  const fake = new FakeKinesis({ streams: ['logs'] });
  const endpoint = await fake.start();
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  try {
    const sink = await createKinesisSink(
      testOptions(endpoint, { batch: { timeout_secs: 0.01 }, request: { concurrency: 1 } }),
      createTestContext({ id: 'kinesis_out' }),
    );
    const loadedBefore = new Set(Object.keys(cache));
    await sink.run(inputOf([makeEvents(3)]));
    expect(fake.accepted).toHaveLength(3);
    const loadedBySend = Object.keys(cache).filter((path) => !loadedBefore.has(path));
    expect(loadedBySend).toEqual([]);
  } finally {
    await fake.stop();
  }
});
