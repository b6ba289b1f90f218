import { describe, expect, it } from 'vitest';
import { imdsSettingsOf } from './client.js';

describe('auth.imds', () => {
  it('read_timeout_seconds is used: the SDK has one IMDS timeout, the larger of connect and read', () => {
    expect(imdsSettingsOf({ read_timeout_seconds: 7 })).toEqual({ timeout: 7000 });
    expect(imdsSettingsOf({ connect_timeout_seconds: 3, read_timeout_seconds: 2 })).toEqual({
      timeout: 3000,
    });
    expect(imdsSettingsOf({ max_attempts: 5 })).toEqual({ timeout: 1000, maxRetries: 5 });
    expect(imdsSettingsOf(undefined)).toEqual({ timeout: 1000 });
  });
});
