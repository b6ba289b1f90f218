import { socketSource, tcpSource } from './tcp-source.js';

export type { DatagramReceiver } from './datagram-source.js';
export { createDatagramSource, DEFAULT_MAX_DATAGRAM_BYTES } from './datagram-source.js';
export type { TcpSource, TcpSourceOptions, TlsSourceOptions } from './tcp-source.js';
export { createTcpSource, socketSource, tcpSource, tlsServerOptions } from './tcp-source.js';

export default [socketSource, tcpSource];
