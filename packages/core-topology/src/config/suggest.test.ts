import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.js';

describe('suggest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('numbres', 'numbers')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests typos only, never a far name (the cases of issue 15)', () => {
    expect(suggest('aws_kinesis_stream', ['aws_kinesis_streams', 'console'])).toBe('aws_kinesis_streams');
    expect(suggest('compression', ['region', 'stream_name', 'endpoint'])).toBeUndefined();
    expect(suggest('remap', ['add_fields', 'parse_json', 'remove_fields'])).toBeUndefined();
    expect(suggest('api', ['sinks', 'sources', 'transforms', 'data_dir'])).toBeUndefined();
    expect(suggest('tga', ['tag'])).toBe('tag');
  });

  it("ignores case, and serves the CLI's commands too", () => {
    expect(suggest('Socket', ['socket', 'stdin'])).toBe('socket');
    expect(suggest('valdiate', ['run', 'validate', 'top'])).toBe('validate');
    expect(suggest('qq', ['run', 'validate', 'top'])).toBeUndefined();
  });
});
