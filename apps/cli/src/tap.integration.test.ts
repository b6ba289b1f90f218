import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, freePort, start, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

const pipeline = (port: number) => `
[api]
enabled = true
address = "127.0.0.1:0"

[sources.in]
type = "socket"
mode = "tcp"
address = "127.0.0.1:${port}"

[transforms.mark]
type = "add_fields"
inputs = ["in"]
fields.tapped = "yes"

[sinks.out]
type = "blackhole"
inputs = ["mark"]
`;

describe('sluice tap through the built CLI', () => {
  it('prints the events leaving a component as JSON, one a line', async () => {
    const port = await freePort();
    const cwd = await workspace({ 'sluice.toml': pipeline(port) });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor(/API on http:\/\/\S+/);
    const url = /API on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;

    const tap = start(['tap', '--url', url, '--outputs-of', 'mark', '--format', 'json']);
    await tap.waitFor('[tap] connected');
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.end('first line\nsecond line\n');
    await tap.waitFor('second line');

    const events = tap
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => [event.message, event.tapped])).toEqual([
      ['first line', 'yes'],
      ['second line', 'yes'],
    ]);
    tap.child.kill('SIGINT');
    expect(await tap.exited).toBe(0);
  });
});
