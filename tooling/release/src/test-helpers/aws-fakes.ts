import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the AWS endpoints the credentials chain talks to (the container credentials
 * endpoint, the instance metadata service, STS) and a recording proxy in front of kinesis-local, so
 * a test can tell which access key signed each request. Every server listens on 127.0.0.1 only.
 */

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function keysNamed(name: string): Keys {
  return {
    accessKeyId: `AKID${name.toUpperCase()}`,
    secretAccessKey: `secret-of-${name}`,
    sessionToken: `token-of-${name}`,
  };
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: (incoming: IncomingMessage, response: ServerResponse) => void) {
  const server: Server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function bodyOf(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** The access key of a SigV4 `Authorization` header (`… Credential=AKID/date/region/service/…`). */
export function signingKeyOf(authorization: string | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(authorization ?? '')?.[1];
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * The ECS/EKS container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`): answers
 * `path` with `keys` when the request carries `token` as its `Authorization`.
 */
export async function containerCredentialsServer(keys: Keys, path: string, token: string) {
  const requests: string[] = [];
  const server = await listen((incoming, response) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    if (incoming.url !== path || incoming.headers.authorization !== token) {
      response.writeHead(403).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        AccessKeyId: keys.accessKeyId,
        SecretAccessKey: keys.secretAccessKey,
        Token: keys.sessionToken,
        Expiration: inAnHour(),
      }),
    );
  });
  return { ...server, requests };
}

/** EC2's instance metadata service, IMDSv2 (a session token first), with one instance profile role. */
export async function instanceMetadataServer(keys: Keys, role: string) {
  const token = 'imds-session-token';
  const requests: string[] = [];
  const prefix = '/latest/meta-data/iam/security-credentials/';
  const server = await listen((incoming, response) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    if (incoming.method === 'PUT' && incoming.url === '/latest/api/token') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    if (incoming.headers['x-aws-ec2-metadata-token'] !== token) {
      response.writeHead(401).end();
      return;
    }
    if (incoming.url === prefix) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(role);
    } else if (incoming.url === `${prefix}${role}`) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          Code: 'Success',
          Type: 'AWS-HMAC',
          AccessKeyId: keys.accessKeyId,
          SecretAccessKey: keys.secretAccessKey,
          Token: keys.sessionToken,
          Expiration: inAnHour(),
          LastUpdated: new Date().toISOString(),
        }),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  return { ...server, requests };
}

export interface StsCall {
  action: string;
  roleArn: string;
  /** The key that signed the call (none for AssumeRoleWithWebIdentity, which is not signed). */
  signedWith: string | undefined;
  externalId: string | undefined;
}

/** STS's AssumeRole and AssumeRoleWithWebIdentity (query protocol), answering `keys` for any role. */
export async function stsServer(keys: Keys) {
  const calls: StsCall[] = [];
  const answer = async (incoming: IncomingMessage, response: ServerResponse) => {
    const form = new URLSearchParams(await bodyOf(incoming));
    const action = form.get('Action') ?? '';
    calls.push({
      action,
      roleArn: form.get('RoleArn') ?? '',
      signedWith: signingKeyOf(incoming.headers.authorization),
      externalId: form.get('ExternalId') ?? undefined,
    });
    const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';
    response
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        `<${action}Response xmlns="${namespace}"><${action}Result><Credentials>` +
          `<AccessKeyId>${keys.accessKeyId}</AccessKeyId><SecretAccessKey>${keys.secretAccessKey}</SecretAccessKey>` +
          `<SessionToken>${keys.sessionToken}</SessionToken><Expiration>${inAnHour()}</Expiration>` +
          `</Credentials><AssumedRoleUser><Arn>${form.get('RoleArn')}/sluice</Arn><AssumedRoleId>AROA:sluice</AssumedRoleId></AssumedRoleUser>` +
          `</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`,
      );
  };
  const server = await listen((incoming, response) => {
    void answer(incoming, response);
  });
  return { ...server, calls };
}

/** Forwards every request to `target` and records the access key that signed it. */
export async function recordingProxy(target: string) {
  const signedWith: Array<string | undefined> = [];
  const server = await listen((incoming, response) => {
    signedWith.push(signingKeyOf(incoming.headers.authorization));
    const forwarded = request(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    incoming.pipe(forwarded);
  });
  return { ...server, signedWith };
}
