import type { JsonSchema } from '@sluice/component-api';

/**
 * Vector's AWS `auth` options of a sink. Here, not in `@sluice/aws`, so a sink that signs only when
 * asked (`http` with `auth.strategy = "aws"`) has its schema without installing the AWS SDK.
 */
export const awsAuthSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description:
    'Credentials; default: the AWS provider chain (environment, credential_process, credentials file, SSO, web identity, container, instance profile).',
  properties: {
    // writeOnly: secret, never printed (config errors, logs, graph).
    access_key_id: {
      type: 'string',
      writeOnly: true,
      description: 'Static access key id (with secret_access_key).',
    },
    secret_access_key: { type: 'string', writeOnly: true, description: 'Static secret access key.' },
    session_token: {
      type: 'string',
      writeOnly: true,
      description: 'Session token of temporary static credentials.',
    },
    credentials_file: { type: 'string', description: 'A credentials file to read (with profile).' },
    profile: {
      type: 'string',
      description: 'Profile of the credentials/config files (default "default").',
    },
    assume_role: { type: 'string', description: 'ARN of a role to assume with the base credentials.' },
    external_id: { type: 'string', description: 'External id for assume_role.' },
    session_name: { type: 'string', description: 'Session name for assume_role (default "sluice").' },
    region: {
      type: 'string',
      minLength: 1,
      description: "Region of the STS requests of assume_role (default: the component's region).",
    },
    imds: {
      type: 'object',
      additionalProperties: false,
      description: 'Instance metadata (IMDS) client settings.',
      properties: {
        connect_timeout_seconds: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'Connect timeout (default 1).',
        },
        max_attempts: { type: 'integer', minimum: 1, description: 'Attempts (default 4).' },
        read_timeout_seconds: {
          type: 'number',
          exclusiveMinimum: 0,
          description:
            'Read timeout (default 1). The SDK has one IMDS timeout for connecting and reading: the larger of the two is used.',
        },
      },
    },
    load_timeout_secs: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 5,
      description: 'Longest time to wait for credentials to load.',
    },
  },
} as const satisfies JsonSchema;
