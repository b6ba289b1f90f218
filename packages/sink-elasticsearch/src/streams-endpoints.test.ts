import { createLogEvent } from '@sluice/component-api';
import { createTestContext, makeEvents } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { elasticsearchSink } from './sink.js';
import { options } from './test-helpers/options.js';
import { closeFakes, fake, run } from './test-helpers/run.js';

afterEach(closeFakes);

describe('elasticsearch: data streams', () => {
  it('creates into <type>-<dataset>-<namespace>, auto-routed from the event, fields synced, @timestamp set', async () => {
    const destination = await fake();
    const at = new Date(Date.UTC(2024, 0, 1));
    const events = [
      createLogEvent({ message: 'plain', timestamp: at }),
      createLogEvent({ message: 'routed', timestamp: at, data_stream: { dataset: 'nginx' } }),
      createLogEvent({ message: 'hostile', timestamp: at, data_stream: { namespace: '../x' } }),
      createLogEvent({ message: 'dash', timestamp: at, data_stream: { dataset: 'a-b' } }),
    ];
    const { statuses, routed } = await run(
      options([destination.url], { api_version: 'v8', mode: 'data_stream' }),
      events,
    );
    expect(statuses).toEqual(['delivered', 'delivered', 'rejected', 'rejected']);
    expect([...destination.dataStreams].sort()).toEqual(['logs-generic-default', 'logs-nginx-default']);
    expect(JSON.parse(destination.bulkRequests[0]?.lines[0] as string)).toEqual({
      create: { _index: 'logs-generic-default' },
    });
    expect(destination.documents()).toEqual([
      {
        message: 'plain',
        '@timestamp': '2024-01-01T00:00:00Z',
        data_stream: { type: 'logs', dataset: 'generic', namespace: 'default' },
      },
      {
        message: 'routed',
        '@timestamp': '2024-01-01T00:00:00Z',
        data_stream: { type: 'logs', dataset: 'nginx', namespace: 'default' },
      },
    ]);
    expect(routed.map((event) => event.fields.rejection)).toEqual([
      expect.objectContaining({
        error_code: 'template_failed',
        error_message: 'data_stream.namespace "../x": not a name part',
      }),
      expect.objectContaining({
        error_code: 'template_failed',
        error_message: 'data_stream.dataset "a-b": not a name part',
      }),
    ]);
    const templated = await run(
      options([destination.url], {
        api_version: 'v8',
        mode: 'data_stream',
        data_stream: { dataset: '{{ service }}', auto_routing: false, sync_fields: false },
      }),
      [
        createLogEvent({
          message: 'x',
          service: 'billing',
          timestamp: at,
          data_stream: { dataset: 'ignored' },
        }),
      ],
    );
    expect(templated.statuses).toEqual(['delivered']);
    expect(destination.dataStreams.has('logs-billing-default')).toBe(true);
  });

  it('the fake refuses what Elasticsearch refuses: an index action or no @timestamp in a data stream', async () => {
    const destination = await fake();
    const { statuses, routed } = await run(
      options([destination.url], { api_version: 'v8', bulk: { index: 'logs-app-default' } }),
      [createLogEvent({ message: 'x', '@timestamp': 'now' })],
    );
    expect(statuses).toEqual(['rejected']);
    expect(routed[0]?.fields.rejection).toMatchObject({ error_code: 'illegal_argument_exception' });
  });
});

describe('elasticsearch: endpoints and health', () => {
  it('goes round robin over several endpoints; a dead one rests and the others take its requests', async () => {
    const first = await fake();
    const second = await fake();
    const dead = await fake();
    await dead.close();
    const { statuses } = await run(
      options([first.url, dead.url, second.url], { api_version: 'v8', batch: { max_events: 10 } }),
      makeEvents(100),
    );
    expect(statuses.filter((status) => status === 'delivered')).toHaveLength(100);
    expect(first.documents().length + second.documents().length).toBe(100);
    expect(first.bulkRequests.length).toBeGreaterThan(0);
    expect(second.bulkRequests.length).toBeGreaterThan(0);
  });

  it('healthcheck: healthy when one endpoint answers /_cluster/health; otherwise each problem, credentials hidden', async () => {
    const up = await fake();
    const check = async (endpoints: string[]) => {
      const sink = await elasticsearchSink.create(
        options(endpoints, { api_version: 'v8' }),
        createTestContext(),
      );
      const result = await sink.healthcheck?.(new AbortController().signal);
      await sink.close?.();
      return result;
    };
    expect(await check(['http://127.0.0.1:1', up.url])).toEqual({ status: 'healthy' });
    const down = await check(['http://user:secret@127.0.0.1:1']);
    expect(down?.status).toBe('unhealthy');
    expect(JSON.stringify(down)).not.toContain('secret');
    expect(JSON.stringify(down)).toContain('127.0.0.1:1/_cluster/health');
  });
});
