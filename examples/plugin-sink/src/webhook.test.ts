import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachFinalizer, type DeliveryStatus } from '@sluice/component-api';
import { createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import { afterAll, expect, it } from 'vitest';
import { type WebhookOptions, webhookSink } from './webhook.js';

const bodies: string[] = [];
const answers: number[] = [];
const server: Server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  bodies.push(body);
  response.writeHead(answers.shift() ?? 200).end();
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
/** The options as core passes them: the schema's defaults applied. */
const options: WebhookOptions = {
  url,
  batch: { max_events: 500, max_bytes: 5_000_000, timeout_secs: 1 },
  request: {
    concurrency: 2,
    adaptive_concurrency: {
      initial_concurrency: 1,
      max_concurrency_limit: 200,
      decrease_ratio: 0.9,
      ewma_alpha: 0.4,
      rtt_deviation_scale: 2.5,
    },
    timeout_secs: 5,
    rate_limit_duration_secs: 1,
    retry_attempts: 5,
    retry_initial_backoff_secs: 0.1,
    retry_max_duration_secs: 5,
    retry_jitter_mode: 'Full',
  },
};
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

testSink(webhookSink, {
  options,
  beforeEachTest: () => {
    answers.length = 0;
  },
  // The server answers 400 (not retried) to every request of the test.
  failures: {
    makeFailing: () => {
      answers.push(...Array.from({ length: 100 }, () => 400));
      return options;
    },
  },
});

it('POSTs NDJSON; a 503 is retried, a 400 rejects the batch', async () => {
  bodies.length = 0;
  answers.push(503);
  const context = createTestContext();
  const statuses: DeliveryStatus[] = [];
  const events = makeEvents(2);
  attachFinalizer(events, (status) => statuses.push(status));
  await (await webhookSink.create(options, context)).run(inputOf([events]));
  expect(bodies).toHaveLength(2);
  expect(
    bodies[1]
      ?.trim()
      .split('\n')
      .map((line) => JSON.parse(line).message),
  ).toEqual(['event 0', 'event 1']);
  expect(statuses).toEqual(['delivered']);
  answers.push(400);
  const rejected: DeliveryStatus[] = [];
  const more = makeEvents(1);
  attachFinalizer(more, (status) => rejected.push(status));
  await (await webhookSink.create(options, context)).run(inputOf([more]));
  expect(rejected).toEqual(['rejected']);
});
