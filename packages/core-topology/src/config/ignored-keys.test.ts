import { describe, expect, it } from 'vitest';
import { dropKeysVectorIgnores } from './ignored-keys.js';
import { isLenientTable } from './vector-reference.js';

describe('the tables where Vector ignores unknown keys', () => {
  it('follow the struct that reads them: socket tcp ignores, udp and unix refuse; wildcards match one key', () => {
    expect(isLenientTable('source:socket', '', 'tcp')).toBe(true);
    expect(isLenientTable('source:socket', '', 'udp')).toBe(false);
    expect(isLenientTable('source:socket', '', 'unix_stream')).toBe(false);
    expect(isLenientTable('source:stdin', '')).toBe(false);
    expect(isLenientTable('source:stdin', 'decoding')).toBe(true);
    expect(isLenientTable('source:stdin', 'decoding.json')).toBe(true);
    expect(isLenientTable('source:stdin', 'decoding.json.x')).toBe(false);
    expect(isLenientTable('sink:http', 'request')).toBe(true);
    expect(isLenientTable('sink:http', 'request.adaptive_concurrency')).toBe(false);
    expect(isLenientTable('sink:console', '')).toBe(false);
    expect(isLenientTable('', 'healthchecks')).toBe(true);
    expect(isLenientTable('', 'api')).toBe(false);
  });

  it('drop only keys their schema does not name, with a warning, and never the keys of a map', () => {
    const schema = {
      type: 'object',
      properties: {
        batch: { type: 'object', properties: { max_events: { type: 'integer' } } },
        request: {
          type: 'object',
          properties: { headers: { type: 'object', additionalProperties: { type: 'string' } } },
        },
      },
    };
    const options = {
      unknown: 1,
      batch: { max_events: 1, max_event: 2 },
      request: { headers: { 'X-Any': 'a' }, retries: 1 },
    };
    const warnings: string[] = [];
    dropKeysVectorIgnores(options, schema, { component: 'sink:x' }, '', 'sinks.out', (path, message) =>
      warnings.push(`${path} ${message}`),
    );
    expect(options).toEqual({ unknown: 1, batch: { max_events: 1 }, request: { headers: { 'X-Any': 'a' } } });
    expect(warnings).toEqual([
      'sinks.out.batch.max_event is ignored: not an option here (Vector ignores unknown keys in this table too); did you mean "max_events"?',
      'sinks.out.request.retries is ignored: not an option here (Vector ignores unknown keys in this table too)',
    ]);
  });

  it('keeps a key its scope says to keep (a Vector option Sluice lacks, refused by name, never ignored)', () => {
    const options = { address: '0.0.0.0:9000', log_namespace: true, typo: 1 };
    const warnings: string[] = [];
    dropKeysVectorIgnores(
      options,
      { type: 'object', properties: { address: { type: 'string' } } },
      { component: 'source:socket', mode: 'tcp', keep: (key) => key === 'log_namespace' },
      '',
      'sources.in',
      (path) => warnings.push(path),
    );
    expect(options).toEqual({ address: '0.0.0.0:9000', log_namespace: true });
    expect(warnings).toEqual(['sources.in.typo']);
  });
});
