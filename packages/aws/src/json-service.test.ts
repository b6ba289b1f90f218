import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsJsonService, awsErrorFailure } from './json-service.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awsErrorFailure (Vector: aws::is_retriable_error)', () => {
  const failure = (status: number, body: object | string, headers: Record<string, string> = {}) =>
    awsErrorFailure(status, headers, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

  it('names the error by its type, without namespace and suffix; retries 5xx, 429, throttles and timeouts', () => {
    expect(
      failure(400, { __type: 'com.amazonaws.firehose#ResourceNotFoundException', message: 'gone' }),
    ).toEqual({
      retryable: false,
      code: 'ResourceNotFoundException',
      message: 'ResourceNotFoundException: gone',
      status: 400,
    });
    expect(failure(503, { __type: 'ServiceUnavailableException', message: 'slow down' })).toMatchObject({
      retryable: true,
      throttled: true,
      code: 'ServiceUnavailableException',
    });
    expect(
      failure(400, { Message: 'x' }, { 'x-amzn-errortype': 'ThrottlingException:http://internal' }),
    ).toMatchObject({
      retryable: true,
      throttled: true,
      code: 'ThrottlingException',
      message: 'ThrottlingException: x',
    });
    expect(failure(400, { __type: 'RequestExpired' })).toMatchObject({
      retryable: true,
      code: 'RequestExpired',
    });
    expect(failure(400, { __type: 'InvalidArgumentException' }, { 'x-amz-retry-after': '1' }).retryable).toBe(
      true,
    );
    expect(failure(500, '<html>proxy</html>')).toMatchObject({
      retryable: true,
      code: 'http_500',
      status: 500,
    });
    expect(failure(403, '')).toMatchObject({ retryable: false, code: 'http_403', message: 'HTTP 403' });
  });
});

describe('AwsJsonService', () => {
  it('signs and sends a JSON 1.1 call to the endpoint the SDK resolves, and reads the answer or the error', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const answers = [
      { status: 200, body: '{"FailedRecordCount":0}' },
      { status: 400, body: '{"__type":"ResourceNotFoundException","message":"no stream"}' },
      { status: 200, body: 'not json' },
    ];
    const server = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      received.push({ headers: request.headers, body });
      const answer = answers.shift() ?? { status: 500, body: '' };
      response.writeHead(answer.status, { date: new Date().toUTCString() }).end(answer.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      vi.stubEnv('AWS_ENDPOINT_URL_KINESIS', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const client = new KinesisClient({
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      });
      const service = new AwsJsonService({
        clientConfig: client.config,
        command: PutRecordsCommand,
        endpointInput: { StreamName: 's' },
        targetPrefix: 'Kinesis_20131202',
        signingName: 'kinesis',
        send: async (request) => {
          const response = await fetch(request.url, { ...request, body: new Uint8Array(request.body) });
          return {
            status: response.status,
            headers: Object.fromEntries(response.headers),
            body: Buffer.from(await response.arrayBuffer()),
          };
        },
      });
      const signal = new AbortController().signal;
      expect(await service.call('PutRecords', '{"StreamName":"s"}', signal)).toEqual({
        ok: true,
        body: { FailedRecordCount: 0 },
        sentBytes: 18,
      });
      const [first] = received;
      expect(first?.body).toBe('{"StreamName":"s"}');
      expect(first?.headers['x-amz-target']).toBe('Kinesis_20131202.PutRecords');
      expect(first?.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(first?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/kinesis\/aws4_request, SignedHeaders=.*x-amz-target/,
      );
      expect(await service.call('PutRecords', '{}', signal)).toMatchObject({
        ok: false,
        failure: { retryable: false, code: 'ResourceNotFoundException', status: 400 },
      });
      expect(await service.call('PutRecords', '{}', signal)).toMatchObject({
        ok: false,
        failure: { retryable: true, code: 'invalid_response' },
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
