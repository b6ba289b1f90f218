import { describe, expect, it } from 'vitest';
import {
  commandLineAgain,
  DEFAULT_HEAP_LIMIT_MIB,
  defaultHeapLimit,
  environmentWithFlags,
  growHeapAsMeasured,
  HEAP_GROWING_PERCENT,
  heapConfigured,
  heapFlags,
  heapLimitOf,
  runsPipeline,
} from './heap.js';

describe('heap limit', () => {
  it('gives each semi-space a sixth of the limit, at most 16 MiB before Node 22 and 8 from it, and the old generation the rest; 0 keeps V8 defaults', () => {
    expect(heapFlags(96, 20)).toEqual(['--max-semi-space-size=16', '--max-old-space-size=64']);
    expect(heapFlags(96, 22)).toEqual(['--max-semi-space-size=8', '--max-old-space-size=80']);
    expect(heapFlags(96, 24)).toEqual(['--max-semi-space-size=8', '--max-old-space-size=80']);
    expect(heapFlags(96, 26)).toEqual(['--max-semi-space-size=8', '--max-old-space-size=80']);
    expect(heapFlags(512, 20)).toEqual(['--max-semi-space-size=16', '--max-old-space-size=480']);
    expect(heapFlags(64, 20)).toEqual(['--max-semi-space-size=8', '--max-old-space-size=48']);
    expect(heapFlags(20, 26)).toEqual(['--max-semi-space-size=2', '--max-old-space-size=16']);
    expect(heapFlags(0)).toEqual([]);
  });

  it('defaults to 128 MiB on Node 20 and 22, 96 MiB on 24 and 26', () => {
    const defaults = [
      [20, 16, 96],
      [22, 8, 112],
      [24, 8, 80],
      [26, 8, 80],
    ];
    for (const [node, semiSpace, old] of defaults)
      expect(heapFlags(defaultHeapLimit(node), node)).toEqual([
        `--max-semi-space-size=${semiSpace}`,
        `--max-old-space-size=${old}`,
      ]);
  });

  it('lets a limited heap double between full collections on Node 20 and 22 only', () => {
    const set: string[] = [];
    const limited = { NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=96' };
    expect(growHeapAsMeasured([], limited, (flags) => set.push(flags), 22)).toBe(true);
    expect(growHeapAsMeasured(['--max-old-space-size=300'], {}, (flags) => set.push(flags), 20)).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--heap-growing-percent=100']);
    // V8's own factor: a heap nobody limited, and Node 24 and later.
    expect(growHeapAsMeasured([], {}, (flags) => set.push(flags), 20)).toBe(false);
    expect(growHeapAsMeasured([], limited, (flags) => set.push(flags), 26)).toBe(false);
    expect(set).toHaveLength(2);
  });

  it('takes the limit from the option, else the environment, else the default', () => {
    expect(heapLimitOf([], {})).toBe(DEFAULT_HEAP_LIMIT_MIB);
    expect(heapLimitOf([], { SLUICE_HEAP_LIMIT_MIB: '200' })).toBe(200);
    expect(heapLimitOf(['--heap-limit-mib', '300'], { SLUICE_HEAP_LIMIT_MIB: '200' })).toBe(300);
    expect(heapLimitOf(['-c', 'a.toml', '--heap-limit-mib=0'], {})).toBe(0);
    expect(heapLimitOf(['--', '--heap-limit-mib=0'], {})).toBe(DEFAULT_HEAP_LIMIT_MIB);
    expect(heapLimitOf(['--heap-limit-mib', 'lots'], {})).toBeUndefined();
    expect(heapLimitOf(['--heap-limit-mib', '1.5'], {})).toBeUndefined();
  });

  it('leaves a heap the user sized alone, on the command line or in NODE_OPTIONS', () => {
    expect(heapConfigured([], {})).toBe(false);
    expect(heapConfigured(['--max-old-space-size=300'], {})).toBe(true);
    expect(heapConfigured([], { NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=4' })).toBe(true);
    expect(heapConfigured([], { NODE_OPTIONS: '--max-heap-size=100' })).toBe(true);
  });

  it('adds the flags to NODE_OPTIONS, keeping what was there', () => {
    expect(environmentWithFlags({ A: '1' }, ['--x=1']).NODE_OPTIONS).toBe('--x=1');
    expect(environmentWithFlags({ NODE_OPTIONS: '--enable-source-maps' }, ['--x=1'])).toEqual({
      NODE_OPTIONS: '--enable-source-maps --x=1',
    });
  });

  it('limits the heap of commands that run a pipeline only', () => {
    expect(runsPipeline(['--config', 'sluice.toml'])).toBe(true);
    expect(runsPipeline(['run', '-c', 'sluice.toml'])).toBe(true);
    expect(runsPipeline(['demo'])).toBe(true);
    expect(runsPipeline(['validate', '-c', 'sluice.toml'])).toBe(false);
    expect(runsPipeline(['--help'])).toBe(false);
    expect(runsPipeline(['top'])).toBe(false);
  });
});

describe('starting again with the heap flags', () => {
  it('passes the script and the arguments to Node', () => {
    expect(
      commandLineAgain(
        '/usr/bin/node',
        ['--enable-source-maps'],
        ['/usr/bin/node', '/app/bin.js', '-c', 'x'],
        false,
      ),
    ).toEqual(['/usr/bin/node', '--enable-source-maps', '/app/bin.js', '-c', 'x']);
  });

  it('passes no script to a single executable, whose argv[1] is the name it was called by', () => {
    // Called by name from PATH: argv[1] is "sluice", which the new process took for a command.
    expect(
      commandLineAgain('/usr/local/bin/sluice', [], ['/usr/local/bin/sluice', 'sluice', '-c', 'x'], true),
    ).toEqual(['/usr/local/bin/sluice', '-c', 'x']);
    expect(commandLineAgain('/opt/sluice', [], ['/opt/sluice', './sluice'], true)).toEqual(['/opt/sluice']);
  });
});
