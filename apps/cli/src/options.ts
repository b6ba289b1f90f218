import { InvalidArgumentError } from 'commander';
import type { ColorMode } from './io.js';
import type { LogFormat } from './logger.js';

export interface GlobalOptions {
  config: string[];
  configDir: string[];
  plugin: string[];
  requireHealthy?: boolean;
  gracefulShutdownLimitSecs: number;
  quiet: number;
  verbose: number;
  logFormat: LogFormat;
  color: ColorMode;
  envInterpolation: boolean;
  metricsAddress?: string;
  watchConfig?: boolean;
  watchConfigDelayMs?: number;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function increase(_value: string, previous: number): number {
  return previous + 1;
}

/** A non-negative number option; anything else is a usage error naming the value. */
export function nonNegativeNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0)
    throw new InvalidArgumentError(`must be a number >= 0 (got "${value}")`);
  return number;
}

export function wholeNumber(value: string): number {
  const number = nonNegativeNumber(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`must be a whole number (got "${value}")`);
  return number;
}

export function positiveWholeNumber(value: string): number {
  const number = wholeNumber(value);
  if (number === 0) throw new InvalidArgumentError(`must be a whole number > 0 (got "${value}")`);
  return number;
}

/** `sluice top -i`: milliseconds, at least 100, as Vector's. */
export function refreshInterval(value: string): number {
  const number = wholeNumber(value);
  if (number < 100) throw new InvalidArgumentError(`must be at least 100 milliseconds (got "${value}")`);
  return number;
}

/** A repeatable option collecting comma-separated values. */
export const collectList = (value: string, previous: string[]) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

export function port(value: string): number {
  const number = nonNegativeNumber(value);
  if (!Number.isInteger(number) || number > 65535)
    throw new InvalidArgumentError(`must be a port from 0 to 65535 (got "${value}")`);
  return number;
}

/** The log levels, quietest last: `-v` moves one up from info, `-q` one down. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'off'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A value of SLUICE_LOG or VECTOR_LOG that is not a level: a usage error. */
export class LogLevelError extends Error {}

/**
 * The log level: `SLUICE_LOG` (or Vector's `VECTOR_LOG`) when set, as Vector lets `VECTOR_LOG`
 * override `-v`/`-q`; else info, one level more per `-v` (debug, trace), one less per `-q` (warn,
 * error, off). Vector's per-module directives (`info,vector::sources=debug`) keep their level alone.
 */
export function logLevelOf(
  options: Pick<GlobalOptions, 'quiet' | 'verbose'>,
  environment: NodeJS.ProcessEnv,
): LogLevel {
  const name = environment.SLUICE_LOG ? 'SLUICE_LOG' : environment.VECTOR_LOG ? 'VECTOR_LOG' : undefined;
  if (name !== undefined) {
    const value = environment[name] as string;
    const level = value
      .split(',')
      .map((directive) => directive.trim().toLowerCase())
      .find((directive) => directive !== '' && !directive.includes('='));
    if (level === undefined || !(LOG_LEVELS as readonly string[]).includes(level))
      throw new LogLevelError(`${name}=${value}: not a log level (${LOG_LEVELS.join(', ')})`);
    return level as LogLevel;
  }
  const index = LOG_LEVELS.indexOf('info') - options.verbose + options.quiet;
  return LOG_LEVELS[Math.min(LOG_LEVELS.length - 1, Math.max(0, index))] as LogLevel;
}
