import {
  allocatedPerEvent,
  type Comparison,
  cpuPerEvent,
  eventsPerSecond,
  type Measurement,
  RSS_LIMIT_MEBIBYTES,
} from './scenario.js';

export interface ScenarioResult {
  scenario: string;
  comparisons: Comparison[];
}

const MEBIBYTE = 1024 * 1024;

function formatRate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(0);
}

function describe(measurement: Measurement): string {
  const parts = [`${formatRate(eventsPerSecond(measurement))} ev/s`];
  if (measurement.bytes !== undefined) {
    parts.push(`${(measurement.bytes / MEBIBYTE / measurement.seconds).toFixed(1)} MiB/s`);
  }
  const cpu = cpuPerEvent(measurement);
  if (cpu !== undefined) parts.push(`${cpu.toFixed(2)} µs CPU/ev`);
  const allocated = allocatedPerEvent(measurement);
  if (allocated !== undefined) parts.push(`${Math.round(allocated)} B heap/ev`);
  if (measurement.peakRssMebibytes !== undefined) parts.push(`RSS ${rss(measurement)}`);
  return parts.join(', ');
}

/** Peak RSS in MiB, marked when over the limit every scenario must stay under. */
function rss(measurement: Measurement): string {
  const peak = measurement.peakRssMebibytes;
  if (peak === undefined) return '';
  return `${peak.toFixed(0)} MiB${peak > RSS_LIMIT_MEBIBYTES ? ` (> ${RSS_LIMIT_MEBIBYTES}!)` : ''}`;
}

function targetOf(comparison: Comparison): string {
  const target = comparison.target ?? '';
  if (comparison.met === undefined) return target;
  return `${comparison.met ? 'met' : 'NOT met'}: ${target}`;
}

function layOut(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | '))
    .join('\n');
}

/** One scenario run on one Node binary (`pnpm bench --node 22,26`). */
export interface NodeRun {
  /** The Node version, e.g. `v26.12.1`. */
  node: string;
  results: readonly ScenarioResult[];
}

/**
 * Scenario × Node side by side: each subject's events/s, CPU per event, peak RSS and ratio on
 * every Node, and its events/s and CPU per event relative to the first Node listed, so a
 * regression between Node lines stands out.
 */
export function renderNodeTable(runs: readonly NodeRun[]): string {
  const rows = [
    ['scenario', 'node', 'events/s', 'µs CPU/ev', 'peak RSS', 'ratio', 'vs first node', 'target'],
  ];
  const names = [
    ...new Set(runs.flatMap((run) => run.results.flatMap((result) => result.comparisons.map((c) => c.name)))),
  ];
  for (const name of names) {
    let first: Measurement | undefined;
    for (const run of runs) {
      const comparison = run.results
        .flatMap((result) => result.comparisons)
        .find((candidate) => candidate.name === name);
      if (comparison === undefined) {
        rows.push([name, run.node, 'failed', '', '', '', '', '']);
        continue;
      }
      const { subject } = comparison;
      first ??= subject;
      const cpu = cpuPerEvent(subject);
      const firstCpu = cpuPerEvent(first);
      const relative = [`${(eventsPerSecond(subject) / eventsPerSecond(first)).toFixed(2)}× ev/s`];
      if (cpu !== undefined && firstCpu !== undefined) relative.push(`${(cpu / firstCpu).toFixed(2)}× µs`);
      rows.push([
        name,
        run.node,
        formatRate(eventsPerSecond(subject)),
        cpu === undefined ? '' : cpu.toFixed(2),
        rss(subject),
        ratioOf(comparison).toFixed(2),
        relative.join(', '),
        targetOf(comparison),
      ]);
    }
  }
  return layOut(rows);
}

export function ratioOf(comparison: Comparison): number {
  return eventsPerSecond(comparison.subject) / eventsPerSecond(comparison.baseline);
}

/** A plain-text table: one row per comparison, the ratio against its same-run baseline. */
export function renderTable(results: readonly ScenarioResult[]): string {
  const rows = [['scenario', 'subject', 'baseline', 'ratio', 'target']];
  for (const result of results) {
    for (const comparison of result.comparisons) {
      rows.push([
        comparison.name,
        `${comparison.subject.label}: ${describe(comparison.subject)}`,
        `${comparison.baseline.label}: ${describe(comparison.baseline)}`,
        ratioOf(comparison).toFixed(2),
        targetOf(comparison),
      ]);
    }
  }
  return layOut(rows);
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A small horizontal bar chart of the ratios, with the 1.0 line marked. */
export function renderSvg(results: readonly ScenarioResult[]): string {
  const comparisons = results.flatMap((result) => result.comparisons);
  const rowHeight = 28;
  const labelWidth = 300;
  const chartWidth = 420;
  const maxRatio = Math.max(1.2, ...comparisons.map(ratioOf));
  const scale = chartWidth / maxRatio;
  const height = comparisons.length * rowHeight + 40;
  const bars = comparisons.map((comparison, index) => {
    const ratio = ratioOf(comparison);
    const y = 20 + index * rowHeight;
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeXml(comparison.name)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${(ratio * scale).toFixed(1)}" height="18" fill="${ratio >= 1 ? '#2e7d32' : '#1565c0'}"/>`,
      `<text x="${labelWidth + ratio * scale + 6}" y="${y + 17}">${ratio.toFixed(2)}×</text>`,
    ].join('');
  });
  const oneX = labelWidth + scale;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + chartWidth + 80}" height="${height}" font-family="sans-serif" font-size="13">`,
    '<title>Sluice benchmarks: events/s relative to the same-run baseline</title>',
    ...bars,
    `<line x1="${oneX}" y1="10" x2="${oneX}" y2="${height - 10}" stroke="#888" stroke-dasharray="4 3"/>`,
    `<text x="${oneX + 4}" y="${height - 4}" fill="#555">baseline = 1.0</text>`,
    '</svg>',
  ].join('\n');
}
