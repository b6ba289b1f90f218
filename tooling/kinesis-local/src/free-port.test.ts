import { expect, it } from 'vitest';
import { freePort } from './index.js';

it('never hands out the same port twice in one process', async () => {
  const ports: number[] = [];
  for (let index = 0; index < 200; index += 1) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
});
