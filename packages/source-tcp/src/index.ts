import { socketSource, tcpSource } from './tcp-source.js';

export type { TcpSourceOptions, TlsSourceOptions } from './options.js';
export type { TcpSource } from './tcp-source.js';
export { createTcpSource, socketSource, tcpSource } from './tcp-source.js';

export default [socketSource, tcpSource];
