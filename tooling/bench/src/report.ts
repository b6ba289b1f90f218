import { type Comparison, eventsPerSecond, type Measurement } from './scenario.js';

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
  if (measurement.cpuMicroseconds !== undefined && measurement.events > 0) {
    parts.push(`${(measurement.cpuMicroseconds / measurement.events).toFixed(2)} µs CPU/ev`);
  }
  if (measurement.peakRssMebibytes !== undefined)
    parts.push(`RSS ${measurement.peakRssMebibytes.toFixed(0)} MiB`);
  return parts.join(', ');
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
        comparison.target ?? '',
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | '))
    .join('\n');
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
