import { createHash, createHmac } from 'node:crypto';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsCredentials } from './auth.js';
import { operationEndpoint } from './endpoint.js';
import { endpointUrl, resolveRegion } from './region.js';
import { AwsSigner } from './signer.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const client = (endpoint?: string) =>
  new KinesisClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    ...(endpoint === undefined ? {} : { endpoint }),
  });

/** The SigV4 signature of a POST as AWS documents it, computed with node:crypto alone. */
function sigV4Of(headers: Record<string, string>, path: string, canonicalQuery: string, body: Buffer) {
  const [, credential = '', signedHeaders = ''] =
    /Credential=([^,]+), SignedHeaders=([^,]+),/.exec(headers.authorization ?? '') ?? [];
  const [, day = '', region = '', service = ''] = credential.split('/');
  const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
  const canonical = [
    'POST',
    path,
    canonicalQuery,
    signedHeaders
      .split(';')
      .map((name) => `${name}:${String(headers[name]).trim()}\n`)
      .join(''),
    signedHeaders,
    sha256(body),
  ].join('\n');
  let key = createHmac('sha256', 'AWS4secret').update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key)
    .update(
      [
        'AWS4-HMAC-SHA256',
        headers['x-amz-date'],
        `${day}/${region}/${service}/aws4_request`,
        sha256(canonical),
      ].join('\n'),
    )
    .digest('hex');
  return { expected, region, service };
}

describe('endpoints, as the SDK resolves them for every operation', () => {
  it('the endpoint option, else AWS_ENDPOINT_URL_KINESIS, else AWS_ENDPOINT_URL, else the region', async () => {
    const resolve = async (kinesis: KinesisClient) =>
      (await operationEndpoint(kinesis.config, PutRecordsCommand, { StreamName: 's' })).url.href;
    expect(await resolve(client())).toBe('https://kinesis.eu-west-1.amazonaws.com/');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4567');
    expect(await resolve(client())).toBe('http://127.0.0.1:4567/');
    vi.stubEnv('AWS_ENDPOINT_URL_KINESIS', 'http://127.0.0.1:4568');
    expect(await resolve(client())).toBe('http://127.0.0.1:4568/');
    expect(await resolve(client('http://127.0.0.1:9999'))).toBe('http://127.0.0.1:9999/');
  });

  it('FIPS and dual-stack from the environment', async () => {
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'true');
    vi.stubEnv('AWS_USE_DUALSTACK_ENDPOINT', 'true');
    const endpoint = await operationEndpoint(client().config, PutRecordsCommand, { StreamName: 's' });
    expect(endpoint.url.hostname).toBe('kinesis-fips.eu-west-1.api.aws');
  });

  it('an endpoint without a scheme means https, as older Vector', () => {
    expect(endpointUrl('kinesis.example.com:4567')).toBe('https://kinesis.example.com:4567');
    expect(endpointUrl('http://127.0.0.1:1')).toBe('http://127.0.0.1:1');
  });
});

describe('region and credentials', () => {
  it('the region option, else AWS_REGION', async () => {
    expect(await resolveRegion('ap-south-1')).toBe('ap-south-1');
    vi.stubEnv('AWS_REGION', 'us-west-2');
    expect(await resolveRegion(undefined)).toBe('us-west-2');
  });

  it('static keys are the credentials; a chain that finds nothing fails within load_timeout_secs', async () => {
    const fixed = awsCredentials({ access_key_id: 'AKID', secret_access_key: 's', load_timeout_secs: 5 });
    expect(await fixed()).toEqual({ accessKeyId: 'AKID', secretAccessKey: 's' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    const chain = awsCredentials({ load_timeout_secs: 5 });
    expect((await chain()).accessKeyId).toBe('AKIDENV');
    expect(await chain()).toBe(await chain()); // memoized
  });
});

describe('AwsSigner', () => {
  it('signs as AWS documents SigV4 (checked with node:crypto alone), and follows the server clock', async () => {
    const signer = new AwsSigner({
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
      region: 'eu-west-1',
      service: 'es',
    });
    const body = Buffer.from('{"a":1}');
    const url = new URL('https://search.example.com/_bulk');
    const headers = await signer.sign({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const { expected, region, service } = sigV4Of(headers, '/_bulk', '', body);
    expect(headers.authorization?.endsWith(`Signature=${expected}`)).toBe(true);
    expect(region).toBe('eu-west-1');
    expect(service).toBe('es');
    // A server an hour ahead: the offset follows it, and a jump that large is reported.
    expect(signer.observeDate(new Date(Date.now() + 3_600_000).toUTCString())).toBe(true);
    expect(Math.abs(signer.clockOffsetMs - 3_600_000)).toBeLessThan(5_000);
    expect(signer.observeDate(new Date(Date.now() + 3_600_000).toUTCString())).toBe(false);
  });

  it('sends and signs x-amz-content-sha256, as OpenSearch Serverless requires', async () => {
    const body = Buffer.from('{"index":{}}\n{}\n');
    const signed = await new AwsSigner({
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
      region: 'eu-west-1',
      service: 'aoss',
    }).sign({ method: 'POST', url: new URL('https://collection.example.com/_bulk'), headers: {}, body });
    expect(signed['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(signed.authorization).toMatch(/SignedHeaders=[^,]*x-amz-content-sha256/);
  });

  it('signs every value of a repeated query parameter (bulk `query` lists)', async () => {
    const body = Buffer.from('{}\n');
    const headers = await new AwsSigner({
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
      region: 'eu-west-1',
      service: 'es',
    }).sign({
      method: 'POST',
      url: new URL('https://search.example.com/_bulk?routing=b&pipeline=geo&routing=a'),
      headers: {},
      body,
    });
    const { expected } = sigV4Of(headers, '/_bulk', 'pipeline=geo&routing=a&routing=b', body);
    expect(headers.authorization?.endsWith(`Signature=${expected}`)).toBe(true);
  });
});
