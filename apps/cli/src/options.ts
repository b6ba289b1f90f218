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

export function levelOf(options: GlobalOptions): string {
  const levels = ['error', 'warn', 'info', 'debug', 'trace'];
  const index = Math.min(levels.length - 1, Math.max(0, 2 + options.verbose - options.quiet));
  return levels[index] as string;
}
