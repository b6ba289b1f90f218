import { socketSource, tcpSource } from './tcp-source.js';

export type { DatagramReceiver } from './datagram-source.js';
export { createDatagramSource, DEFAULT_MAX_DATAGRAM_BYTES } from './datagram-source.js';
export type { TcpSourceOptions, TlsSourceOptions } from './options.js';
export type { TcpSource } from './tcp-source.js';
export { createTcpSource, socketSource, tcpSource } from './tcp-source.js';
export { tlsServerOptions } from './tls.js';

export default [socketSource, tcpSource];
