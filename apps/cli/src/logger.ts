import { type Logger, rateLimitLogger } from '@sluice/component-api';
import pino, { type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './options.js';

export type LogFormat = 'text' | 'json';

/** Vector's JSON logs: the level as a word, the time as an RFC 3339 timestamp (UTC). */
const JSON_LOGS = {
  formatters: { level: (label: string) => ({ level: label }) },
  timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
};

/**
 * The process logger: human-readable lines on stderr by default, each with its date and time (UTC,
 * RFC 3339); JSON with `--log-format json`. Identical lines are rate-limited here, once for every
 * component (`flush` reports what is pending); `operator` writes to the same place unlimited, for
 * what the operator did or must act on (reloads, signals, shutdown, config errors), which a quick
 * second SIGHUP must not hide.
 */
export function createLogger(
  format: LogFormat,
  level: LogLevel,
  color = false,
): { logger: Logger; operator: Logger; flush: () => void } {
  const destination =
    format === 'json'
      ? pino.destination({ dest: 2, sync: true })
      : pretty({
          destination: 2,
          sync: true,
          colorize: color,
          singleLine: true,
          ignore: 'pid,hostname',
          translateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss.l'Z'",
        });
  const options = { level: level === 'off' ? 'silent' : level, base: undefined };
  const base = pino(format === 'json' ? { ...options, ...JSON_LOGS } : options, destination);
  const operator = adapt(base);
  const logger = rateLimitLogger(operator);
  return {
    logger,
    operator,
    flush: () => {
      logger.flush();
      base.flush?.();
    },
  };
}

function adapt(logger: PinoLogger): Logger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (bindings) => adapt(logger.child(bindings)),
  };
}
