import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanup, metricValue, start, workspace } from './test-helpers/cli.js';

const run = promisify(execFile);
// A tmux server of this test's own, so nothing else's sessions are touched.
const SOCKET = `sluice-top-test-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', SOCKET, ...args]);

afterEach(async () => {
  await tmux('kill-server').catch(() => {});
  await cleanup();
});

const pipeline = `[api]
enabled = true
address = "127.0.0.1:0"

[sources.generator]
type = "demo_logs"
format = "shuffle"
lines = ["hello"]
interval = 0.001

[sinks.out]
type = "blackhole"
inputs = ["generator"]

# Idle: nothing connects. Listed all the same, with zeros.
[sources.quiet]
type = "socket"
mode = "tcp"
address = "127.0.0.1:0"

[sinks.quiet_out]
type = "blackhole"
inputs = ["quiet"]
`;

/** The screen once it satisfies `ready` (tmux redraws as sluice top refreshes). */
async function screenWhen(ready: (screen: string) => boolean): Promise<string> {
  for (;;) {
    const { stdout: screen } = await tmux('capture-pane', '-p', '-t', 'top');
    if (ready(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sink's "EVENTS IN" as `sluice top` shows it on the screen, once a rate is shown too. */
function eventsInOnScreen(screen: string): number | undefined {
  const row = screen.split('\n').find((line) => /^out\s+sink\s+blackhole\s/.test(line));
  const cells = row?.trim().split(/\s{2,}/);
  if (cells === undefined || cells[4] === '-') return undefined;
  return Number(cells[3]);
}

describe('sluice top in a terminal (tmux)', () => {
  it('refreshes in place with numbers that move and match /metrics, and quits on q', async () => {
    const cwd = await workspace({ 'sluice.toml': pipeline });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor(/API on http:\/\/\S+/);
    const url = /API on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
    await tmux(
      'new-session',
      '-d',
      '-s',
      'top',
      '-x',
      '200',
      '-y',
      '30',
      `${process.execPath} ${BIN} top --url ${url} --interval 200 --color never`,
    );
    const seen: number[] = [];
    while (seen.length < 2) {
      const before = metricValue(
        await (await fetch(`${url}/metrics`)).text(),
        'component_received_events_total',
        { component_id: 'out' },
      );
      const { stdout: screen } = await tmux('capture-pane', '-p', '-t', 'top');
      const after = metricValue(
        await (await fetch(`${url}/metrics`)).text(),
        'component_received_events_total',
        { component_id: 'out' },
      );
      const shown = eventsInOnScreen(screen);
      // One screen: the header once (refreshed in place, not appended).
      expect(screen.match(/EVENTS IN/g)?.length ?? 0).toBeLessThanOrEqual(1);
      if (shown !== undefined && shown < 10_000 && shown !== seen.at(-1)) {
        // The screen was read between two scrapes: it cannot be outside them... except for a
        // refresh taken before the first scrape, so only the upper bound holds strictly.
        expect(screen).toMatch(
          /^sluice top: http:\/\/127\.0\.0\.1:\d+ {2}\(every 200 ms; 1-9 0 s sort, r reverse, q quit\)/,
        );
        expect(shown).toBeLessThanOrEqual(after as number);
        expect(shown).toBeGreaterThan(0);
        expect(before).toBeDefined();
        seen.push(shown);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen[1]).toBeGreaterThan(seen[0] as number);
    // Idle components are listed with zeros.
    expect(await screenWhen((screen) => screen.includes('quiet_out'))).toMatch(
      /^quiet_out\s+sink\s+blackhole\s+0\s+\S+\s+0 B\s+0\s/m,
    );
    // 1 sorts by ID, r reverses.
    await tmux('send-keys', '-t', 'top', '1');
    await screenWhen((screen) => screen.includes('sorted by ID;'));
    await tmux('send-keys', '-t', 'top', 'r');
    const sorted = await screenWhen((screen) => screen.includes('sorted by ID (descending)'));
    const ids = sorted
      .split('\n')
      .map((line) => line.split(' ')[0])
      .filter((id) => ['generator', 'out', 'quiet', 'quiet_out'].includes(id as string));
    expect(ids).toEqual(['quiet_out', 'quiet', 'out', 'generator']);
    await tmux('send-keys', '-t', 'top', 'q');
    for (;;) {
      const alive = await tmux('has-session', '-t', 'top').then(
        () => true,
        () => false,
      );
      if (!alive) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
  });
});
