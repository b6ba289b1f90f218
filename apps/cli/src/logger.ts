import { type Logger, rateLimitLogger } from '@sluice/component-api';
import pino, { type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'text' | 'json';

/**
 * The process logger: human-readable lines on stderr by default, JSON with `--log-format json`.
 * Identical lines are rate-limited here, once for every component (`flush` reports what is pending).
 */
export function createLogger(
  format: LogFormat,
  level: string,
  color = false,
): { logger: Logger; flush: () => void } {
  const destination =
    format === 'json'
      ? pino.destination({ dest: 2, sync: true })
      : pretty({
          destination: 2,
          sync: true,
          colorize: color,
          singleLine: true,
          ignore: 'pid,hostname',
          translateTime: 'SYS:HH:MM:ss.l',
        });
  const base = pino({ level, base: undefined }, destination);
  const logger = rateLimitLogger(adapt(base));
  return {
    logger,
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
