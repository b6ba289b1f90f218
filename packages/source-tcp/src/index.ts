import { socketSource, tcpSource } from './tcp-source.js';

export type { TcpSource, TcpSourceOptions } from './tcp-source.js';
export { createTcpSource, socketSource, tcpSource } from './tcp-source.js';

export default [socketSource, tcpSource];
