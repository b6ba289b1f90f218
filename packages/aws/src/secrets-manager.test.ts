import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSecretString, secretsManagerEndpoint } from './secrets-manager.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("Secrets Manager's endpoint rules", () => {
  const url = (parameters: Parameters<typeof secretsManagerEndpoint>[0]) =>
    secretsManagerEndpoint(parameters).url.href;

  it("the region's endpoint in its partition, FIPS and dual-stack as the service's rules say", () => {
    expect(url({ Region: 'eu-west-1' })).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
    expect(url({ Region: 'cn-north-1' })).toBe('https://secretsmanager.cn-north-1.amazonaws.com.cn/');
    expect(url({ Region: 'us-east-1', UseFIPS: true })).toBe(
      'https://secretsmanager-fips.us-east-1.amazonaws.com/',
    );
    expect(url({ Region: 'us-east-1', UseDualStack: true, UseFIPS: true })).toBe(
      'https://secretsmanager-fips.us-east-1.amazonaws.com/',
    );
    expect(url({ Region: 'cn-north-1', UseDualStack: true })).toBe(
      'https://secretsmanager.cn-north-1.amazonaws.com.cn/',
    );
  });

  it('a custom endpoint as is; refused with FIPS or dual-stack, and without a region', () => {
    expect(url({ Region: 'us-east-1', Endpoint: 'http://127.0.0.1:4566' })).toBe('http://127.0.0.1:4566/');
    expect(() => url({ Endpoint: 'http://127.0.0.1:4566', UseFIPS: true })).toThrow(
      'FIPS and custom endpoint are not supported',
    );
    expect(() => url({ Endpoint: 'http://127.0.0.1:4566', UseDualStack: true })).toThrow(
      'Dualstack and custom endpoint are not supported',
    );
    expect(() => url({})).toThrow('Missing Region');
  });
});

describe('getSecretString', () => {
  it('one signed GetSecretValue call; the endpoint from AWS_ENDPOINT_URL_SECRETS_MANAGER; a missing SecretString named', async () => {
    const bodies: string[] = [];
    const headers: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        headers.push(request.headers);
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(
          bodies.length === 1 ? JSON.stringify({ SecretString: '{"a":"b"}' }) : JSON.stringify({ Name: 'x' }),
        );
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      vi.stubEnv(
        'AWS_ENDPOINT_URL_SECRETS_MANAGER',
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      const options = {
        secret_id: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:logs',
        region: 'eu-west-1',
        auth: { access_key_id: 'AKIDTEST', secret_access_key: 'dummy', load_timeout_secs: 5 },
      };
      await expect(getSecretString(options, AbortSignal.timeout(30_000))).resolves.toBe('{"a":"b"}');
      await expect(getSecretString(options, AbortSignal.timeout(30_000))).rejects.toThrow(
        `secret for secret-id '${options.secret_id}' could not be retrieved`,
      );
      expect(bodies.map((body) => JSON.parse(body))).toEqual([
        { SecretId: options.secret_id },
        { SecretId: options.secret_id },
      ]);
      for (const { authorization, 'x-amz-target': target } of headers) {
        expect(target).toBe('secretsmanager.GetSecretValue');
        expect(authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request, /,
        );
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
