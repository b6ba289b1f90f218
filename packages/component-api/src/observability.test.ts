import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Logger, rateLimitedLog, rateLimitedLogPerCode, rateLimitLogger } from './observability.js';

interface Line {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
  bindings: Record<string, unknown>;
}

function recording(lines: Line[], bindings: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields, bindings });
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recording(lines, { ...bindings, ...more }),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('rateLimitLogger', () => {
  it('1,200 identical lines in a burst write one line, then one line saying 1,199 were suppressed', () => {
    const lines: Line[] = [];
    const logger = rateLimitLogger(recording(lines));
    const sink = logger.child({ component_id: 'out' });
    for (let index = 0; index < 1200; index += 1)
      sink.warn('shutdown deadline passed: 500 records were not accepted', { batch: index });
    expect(lines).toHaveLength(1);
    logger.flush();
    expect(lines).toHaveLength(2);
    expect(lines[1]?.message).toBe(
      'shutdown deadline passed: 500 records were not accepted (1199 identical messages suppressed)',
    );
    expect(lines[1]?.fields).toEqual({ batch: 1199, suppressed: 1199 });
    expect(lines[1]?.bindings).toEqual({ component_id: 'out' });
  });

  it('limits per message, level and component: different ones are all written', () => {
    const lines: Line[] = [];
    const logger = rateLimitLogger(recording(lines));
    logger.child({ component_id: 'a' }).warn('retrying');
    logger.child({ component_id: 'b' }).warn('retrying');
    logger.child({ component_id: 'a' }).error('retrying');
    logger.child({ component_id: 'a' }).warn('something else');
    logger.child({ component_id: 'a' }).warn('retrying');
    expect(lines.map((line) => `${line.level} ${JSON.stringify(line.bindings)} ${line.message}`)).toEqual([
      'warn {"component_id":"a"} retrying',
      'warn {"component_id":"b"} retrying',
      'error {"component_id":"a"} retrying',
      'warn {"component_id":"a"} something else',
    ]);
  });

  it("the process's own lines (what the operator did: reloads, signals, shutdown) are never limited nor merged", () => {
    const lines: Line[] = [];
    const logger = rateLimitLogger(recording(lines));
    for (let index = 0; index < 5; index += 1) {
      logger.info('received SIGHUP; reloading the config');
      logger.info('config reloaded', { changed: [`c${index}`] });
    }
    logger.flush();
    expect(lines).toHaveLength(10);
    expect(lines.every((line) => !line.message.includes('suppressed'))).toBe(true);
    expect(lines.filter((line) => line.message === 'config reloaded').map((line) => line.fields)).toEqual(
      [0, 1, 2, 3, 4].map((index) => ({ changed: [`c${index}`] })),
    );
  });

  it('reports the count at the end of the window by itself, then writes the next line again', () => {
    vi.useFakeTimers();
    const lines: Line[] = [];
    const logger = rateLimitLogger(recording(lines), { intervalMs: 10_000 }).child({ component_id: 'k' });
    for (let index = 0; index < 3; index += 1) logger.warn('disk buffer full');
    expect(lines.map((line) => line.message)).toEqual(['disk buffer full']);
    vi.advanceTimersByTime(10_000);
    expect(lines.map((line) => line.message)).toEqual([
      'disk buffer full',
      'disk buffer full (2 identical messages suppressed)',
    ]);
    logger.warn('disk buffer full');
    expect(lines).toHaveLength(3);
    expect(lines[2]?.message).toBe('disk buffer full');
  });
});

describe('rateLimitedLog', () => {
  it('limits one call site whatever its text; the next line after the window carries the count', () => {
    let time = 0;
    const lines: Line[] = [];
    const warn = rateLimitedLog(recording(lines), 'warn', 1000, () => time);
    warn('line 1 too long', { peer: 'a' });
    warn('line 2 too long', { peer: 'b' });
    warn('line 3 too long', { peer: 'c' });
    time = 1000;
    warn('line 4 too long', { peer: 'd' });
    expect(lines.map((line) => [line.message, line.fields])).toEqual([
      ['line 1 too long', { peer: 'a' }],
      ['line 4 too long (2 similar messages suppressed)', { peer: 'd', suppressed: 2 }],
    ]);
  });

  it('per code: limits each error_code on its own, so a count never merges lines of different codes', () => {
    let time = 0;
    const lines: Line[] = [];
    const error = rateLimitedLogPerCode(recording(lines), 'error', 1000, () => time);
    for (let index = 0; index < 3; index += 1) {
      error('events rejected by the destination', { error_code: 'ValidationException' });
      error('events rejected by the destination', { error_code: 'KMSAccessDeniedException' });
    }
    time = 1000;
    error('events rejected by the destination', { error_code: 'ValidationException' });
    error('events rejected by the destination', { error_code: 'KMSAccessDeniedException' });
    expect(lines.map((line) => [line.message, line.fields?.error_code])).toEqual([
      ['events rejected by the destination', 'ValidationException'],
      ['events rejected by the destination', 'KMSAccessDeniedException'],
      ['events rejected by the destination (2 similar messages suppressed)', 'ValidationException'],
      ['events rejected by the destination (2 similar messages suppressed)', 'KMSAccessDeniedException'],
    ]);
  });
});
