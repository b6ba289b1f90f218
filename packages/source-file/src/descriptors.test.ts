import { appendFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileOperations, nodeFileOperations } from './io.js';
import { Scratch } from './test-helpers/harness.js';

let scratch: Scratch;
afterEach(async () => {
  await scratch.cleanup();
});

/** File operations that count the descriptors open at once (the most at any moment). */
function countingDescriptors(limit = Number.POSITIVE_INFINITY) {
  const state = { open: 0, most: 0, refused: 0 };
  const files: FileOperations = {
    ...nodeFileOperations,
    open: async (path) => {
      if (state.open >= limit) {
        state.refused += 1;
        throw Object.assign(new Error(`EMFILE: too many open files, open '${path}'`), { code: 'EMFILE' });
      }
      const descriptor = await nodeFileOperations.open(path);
      state.open += 1;
      state.most = Math.max(state.most, state.open);
      return descriptor;
    },
    close: async (descriptor) => {
      state.open -= 1;
      await nodeFileOperations.close(descriptor);
    },
  };
  return { state, files };
}

describe('file source: many files, few descriptors', () => {
  it('reads 300 files holding at most max_open_files descriptors, and follows them as they grow', async () => {
    scratch = new Scratch();
    const count = 300;
    for (let index = 0; index < count; index += 1)
      writeFileSync(scratch.path(`f${index}.log`), `first ${index}\n`);
    const { state, files } = countingDescriptors();
    const running = scratch.start({ max_open_files: 20 }, { hooks: { files } });
    await running.received(count);
    for (let index = 0; index < count; index += 7)
      appendFileSync(scratch.path(`f${index}.log`), `second ${index}\n`);
    const appended = Math.ceil(count / 7);
    await running.received(count + appended);
    expect(state.most).toBeLessThanOrEqual(20);
    expect(new Set(running.messages()).size).toBe(count + appended);
    expect(running.metrics.total('open_files')).toBe(count);
  });

  it('out of descriptors (EMFILE): holds fewer, counts it, and still reads every file', async () => {
    scratch = new Scratch();
    const count = 100;
    for (let index = 0; index < count; index += 1)
      writeFileSync(scratch.path(`f${index}.log`), `line ${index}\n`);
    const { state, files } = countingDescriptors(10);
    const running = scratch.start({ max_open_files: 50 }, { hooks: { files } });
    await running.received(count);
    expect(state.refused).toBeGreaterThan(0);
    expect(
      running.metrics.total('component_errors_total', { error_code: 'too_many_open_files' }),
    ).toBeGreaterThan(0);
    expect(running.logger.find('out of file descriptors', 'warn').length).toBeGreaterThan(0);
    expect(new Set(running.messages()).size).toBe(count);
  });
});
