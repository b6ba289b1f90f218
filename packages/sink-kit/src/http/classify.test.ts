import { describe, expect, it } from 'vitest';
import { retriesStatus, retryAfterMs, statusFailure, transportFailure } from './classify.js';
import { bypassesProxy, proxySettingsOf } from './proxy-route.js';
import { redactUri, splitCredentials } from './uri.js';

describe("Vector's HTTP retry classification", () => {
  it('default: 429, 408 and 5xx but 501 are retried; other statuses are not; 2xx is no failure', () => {
    const retried = [429, 408, 500, 502, 503, 504, 599].filter((status) =>
      retriesStatus({ type: 'default' }, status),
    );
    expect(retried).toEqual([429, 408, 500, 502, 503, 504, 599]);
    for (const status of [400, 401, 403, 404, 413, 501, 301, 302, 307])
      expect(retriesStatus({ type: 'default' }, status)).toBe(false);
    expect(statusFailure(204)).toBeUndefined();
    expect(retriesStatus({ type: 'all' }, 400)).toBe(true);
    expect(retriesStatus({ type: 'none' }, 503)).toBe(false);
    expect(retriesStatus({ type: 'custom', status_codes: [400] }, 400)).toBe(true);
    expect(retriesStatus({ type: 'custom', status_codes: [400] }, 500)).toBe(false);
  });

  it('a redirect is a failure of the request, never followed', () => {
    expect(statusFailure(301, { location: 'https://elsewhere.example/' })).toMatchObject({
      retryable: false,
      code: 'http_301',
      message: 'HTTP 301: a redirect (not followed)',
    });
  });

  it('429 and 503 are throttles and carry Retry-After, in seconds or as a date', () => {
    expect(statusFailure(429, { 'retry-after': '7' })).toMatchObject({
      retryable: true,
      throttled: true,
      retryAfterMs: 7000,
    });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(statusFailure(500)).not.toHaveProperty('throttled');
  });

  it('no answer: retried as a connection error; an answer over the size cap is invalid_response', () => {
    expect(transportFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toMatchObject({
      retryable: true,
      code: 'connection_error:ECONNREFUSED',
    });
    expect(
      transportFailure(Object.assign(new Error('too big'), { code: 'ERR_RESPONSE_TOO_LARGE' })),
    ).toMatchObject({ retryable: true, code: 'invalid_response', errorType: 'invalid_response' });
    expect(transportFailure(new Error('x'), { type: 'none' }).retryable).toBe(false);
  });
});

describe('URIs', () => {
  it("moves userinfo into basic-auth credentials, as Vector's UriSerde", () => {
    const { url, credentials } = splitCredentials('https://us%40er:p%3Ass@logs.example.com:8443/in?x=1');
    expect(url.href).toBe('https://logs.example.com:8443/in?x=1');
    expect(credentials).toEqual({ user: 'us@er', password: 'p:ss' });
    expect(splitCredentials('http://host/').credentials).toBeUndefined();
  });

  it('redacts userinfo and query values wherever a URI is logged', () => {
    expect(redactUri('https://user:secret@host/path?token=abc&x=1')).toBe(
      'https://***@host/path?token=***&x=***',
    );
    expect(redactUri('http://host/path')).toBe('http://host/path');
    expect(redactUri('not a url with secret')).toBe('***');
  });
});

describe('proxy settings', () => {
  it('the proxy option wins over the environment; disabled means none; NO_PROXY as curl reads it', () => {
    const environment = {
      HTTP_PROXY: 'http://env:3128',
      https_proxy: 'proxy.internal:3128',
      NO_PROXY: 'internal.example, 10.0.0.1',
    };
    const settings = proxySettingsOf(
      { http: 'http://option:8080', no_proxy: ['*.corp', 'api.example:8443'] },
      environment,
    );
    expect(settings.http?.href).toBe('http://option:8080/');
    expect(settings.https?.href).toBe('http://proxy.internal:3128/');
    expect(proxySettingsOf({ enabled: false }, environment)).toEqual({
      http: undefined,
      https: undefined,
      noProxy: [],
    });
    const bypass = (url: string) => bypassesProxy(new URL(url), settings.noProxy);
    expect(bypass('https://internal.example/x')).toBe(true);
    expect(bypass('https://a.internal.example/x')).toBe(true);
    expect(bypass('https://notinternal.example/x')).toBe(false);
    expect(bypass('http://10.0.0.1/')).toBe(true);
    expect(bypass('https://git.corp/')).toBe(true);
    expect(bypass('https://api.example:8443/')).toBe(true);
    expect(bypass('https://api.example/')).toBe(false);
    expect(bypassesProxy(new URL('http://any/'), ['*'])).toBe(true);
  });
});
