import { RecordingLogger } from '@sluice/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Attempts, defaultClassification } from './attempt.js';
import type { SendResult } from './results.js';

const never = (_request: unknown, signal: AbortSignal) =>
  new Promise<SendResult>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason)),
  );

describe('Attempts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts an attempt at its timeout: a retryable timeout, with its round trip', async () => {
    const attempts = new Attempts(
      never,
      { timeoutMs: 500 },
      new AbortController().signal,
      new RecordingLogger(),
    );
    const running = attempts.run('request');
    await vi.advanceTimersByTimeAsync(500);
    const outcome = await running;
    expect(outcome.result.failure).toMatchObject({ retryable: true, code: 'timeout' });
    expect(outcome.durationMs).toBe(500);
    expect(outcome.abandoned).toBe(false);
  });

  it('at the shutdown deadline an attempt is abandoned, not failed', async () => {
    const shutdown = new AbortController();
    const attempts = new Attempts(never, { timeoutMs: 5000 }, shutdown.signal, new RecordingLogger());
    const running = attempts.run('request');
    shutdown.abort();
    expect((await running).abandoned).toBe(true);
  });

  it('a thrown error is the whole request failing, as the sink classifies it; EMFILE always retried, warned once', async () => {
    const logger = new RecordingLogger();
    const errors = [
      Object.assign(new Error('no descriptors'), { code: 'EMFILE' }),
      Object.assign(new Error('no descriptors'), { code: 'EMFILE' }),
      new Error('HTTP 400'),
    ];
    const attempts = new Attempts(
      async () => {
        throw errors.shift();
      },
      { timeoutMs: 1000, classifyError: () => ({ retryable: false, code: 'http_400', message: 'bad' }) },
      new AbortController().signal,
      logger,
    );
    expect((await attempts.run('r')).result.failure).toMatchObject({ retryable: true, code: 'EMFILE' });
    expect((await attempts.run('r')).result.failure).toMatchObject({ retryable: true, code: 'EMFILE' });
    expect((await attempts.run('r')).result.failure).toMatchObject({ retryable: false, code: 'http_400' });
    expect(logger.find('out of file descriptors', 'warn')).toHaveLength(1);
  });

  it('by default: timeouts and socket errors are retried, anything else rejected as send_failed', () => {
    expect(defaultClassification(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toMatchObject({
      retryable: true,
      code: 'connection_error:ECONNRESET',
    });
    expect(defaultClassification(Object.assign(new Error('t'), { name: 'TimeoutError' })).code).toBe(
      'timeout',
    );
    expect(defaultClassification(new TypeError('bug'))).toMatchObject({
      retryable: false,
      code: 'send_failed',
    });
  });
});
