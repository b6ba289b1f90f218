import { describe, expect, it } from 'vitest';
import { renderNodeTable, renderTable, type ScenarioResult } from './report.js';
import type { Measurement } from './scenario.js';

function measurement(label: string, seconds: number, cpuSeconds: number, rss: number): Measurement {
  return {
    label,
    events: 1_000_000,
    seconds,
    cpuMicroseconds: cpuSeconds * 1e6,
    peakRssMebibytes: rss,
  };
}

function result(memorySeconds: number, rss: number, met: boolean): ScenarioResult {
  return {
    scenario: 'kinesis-pipeline',
    comparisons: [
      {
        name: 'tcp → memory → kinesis (fake)',
        subject: measurement('sluice', memorySeconds, 2, rss),
        baseline: measurement('sdk', 4, 8, 120),
        target: '≤ 2.0 µs CPU/ev',
        met,
      },
    ],
  };
}

describe('bench report', () => {
  it('marks a peak RSS over 150 MiB and says whether the target was met', () => {
    const table = renderTable([result(2, 255, false)]);
    expect(table).toContain('RSS 255 MiB (> 150!)');
    expect(table).toContain('NOT met: ≤ 2.0 µs CPU/ev');
    expect(table).toContain('| 2.00 ');
    expect(renderTable([result(2, 127, true)])).not.toContain('(> 150!)');
  });

  it('gives heap bytes allocated per event where V8 counts them (Node 26 on), and nothing where not', () => {
    const counted = result(2, 127, true);
    const subject = counted.comparisons[0]?.subject as Measurement;
    subject.heapAllocatedBytes = 1_674_000_000;
    expect(renderTable([counted])).toContain('2.00 µs CPU/ev, 1674 B heap/ev, RSS 127 MiB');
    expect(renderTable([result(2, 127, true)])).not.toContain('B heap/ev');
  });

  it('puts each Node side by side with its events/s and CPU per event relative to the first', () => {
    const table = renderNodeTable([
      { node: 'v22.23.5', results: [result(2, 130, true)] },
      { node: 'v26.12.1', results: [result(4, 255, false)] },
    ]);
    const [header, first, second] = table.split('\n');
    expect(header).toMatch(/scenario +\| node +\| events\/s +\| µs CPU\/ev +\| peak RSS/);
    expect(first).toMatch(/v22\.23\.5 \| 500\.0k +\| 2\.00 +\| 130 MiB .*1\.00× ev\/s, 1\.00× µs/);
    expect(second).toMatch(
      /v26\.12\.1 \| 250\.0k +\| 2\.00 +\| 255 MiB \(> 150!\) .*0\.50× ev\/s, 1\.00× µs/,
    );
  });
});
