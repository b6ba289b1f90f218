import { type Logger, rateLimitedLog } from '@sluice/component-api';
import type { Failure, SendResult } from './results.js';

/** How an attempt ended, for the concurrency limiter: its round trip and whether it was pushed back. */
export interface AttemptOutcome {
  readonly result: SendResult;
  /** The round trip of this attempt alone: never a backoff, a pacing wait or a slot wait. */
  readonly durationMs: number;
  /** Aborted by the shutdown deadline: nothing was decided about its items. */
  readonly abandoned: boolean;
}

class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';
}

export interface AttemptSettings {
  readonly timeoutMs: number;
  /** A thrown error as a failure of the whole request; the kit's default classification when absent. */
  readonly classifyError?: (error: unknown) => Failure;
}

/** What a thrown error most likely means when the sink does not say. */
export function defaultClassification(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const details = error as { name?: string; code?: unknown };
  if (details.name === 'TimeoutError') return { retryable: true, code: 'timeout', message };
  // A Node system error (ECONNRESET, ECONNREFUSED, EPIPE, …): the request never got an answer.
  if (typeof details.code === 'string' && /^E[A-Z]+$/.test(details.code))
    return { retryable: true, code: `connection_error:${details.code}`, message };
  return { retryable: false, code: 'send_failed', message };
}

/**
 * Runs attempts of requests: each aborted after `timeoutMs` (a retryable `timeout`) or at the
 * shutdown deadline; a thrown error becomes a failure of the whole request. Out of file descriptors
 * (`EMFILE`, `ENFILE`) is always retried: it passes when other connections close.
 */
export class Attempts<Request> {
  readonly #send: (request: Request, signal: AbortSignal) => Promise<SendResult>;
  readonly #settings: AttemptSettings;
  readonly #shutdown: AbortSignal;
  readonly #warnNoDescriptors: ReturnType<typeof rateLimitedLog>;
  /** One listener aborts every attempt in flight at the deadline (one per attempt would pass Node's limit). */
  readonly #inFlight = new Set<AbortController>();

  constructor(
    send: (request: Request, signal: AbortSignal) => Promise<SendResult>,
    settings: AttemptSettings,
    shutdown: AbortSignal,
    logger: Logger,
  ) {
    this.#send = send;
    this.#settings = settings;
    this.#shutdown = shutdown;
    this.#warnNoDescriptors = rateLimitedLog(logger, 'warn');
    shutdown.addEventListener(
      'abort',
      () => {
        for (const controller of this.#inFlight) controller.abort(shutdown.reason);
      },
      { once: true },
    );
  }

  async run(request: Request): Promise<AttemptOutcome> {
    const controller = new AbortController();
    const { timeoutMs } = this.#settings;
    const timer = setTimeout(() => controller.abort(new RequestTimeout('request timed out')), timeoutMs);
    timer.unref?.();
    this.#inFlight.add(controller);
    const started = performance.now();
    let result: SendResult;
    try {
      result = await this.#send(request, controller.signal);
    } catch (error) {
      if (this.#shutdown.aborted) return { result: {}, durationMs: 0, abandoned: true };
      result = {
        failure: controller.signal.aborted
          ? { retryable: true, code: 'timeout', message: `request timed out after ${timeoutMs / 1000} s` }
          : this.#classify(error),
      };
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
    return { result, durationMs: performance.now() - started, abandoned: false };
  }

  #classify(error: unknown): Failure {
    const code = (error as { code?: unknown }).code;
    if (code === 'EMFILE' || code === 'ENFILE') {
      this.#warnNoDescriptors(
        'out of file descriptors: the request is retried; raise `ulimit -n` or limit connections',
        { error_code: code },
      );
      return { retryable: true, code, message: String(error) };
    }
    return (this.#settings.classifyError ?? defaultClassification)(error);
  }
}
