import { httpServerSource, httpSource } from './http-server-source.js';

export type { HttpServerOptions, HttpServerSource } from './http-server-source.js';
export { createHttpServerSource, httpServerSource, httpSource } from './http-server-source.js';
export { MAX_BODY_BYTES } from './request-body.js';

export default [httpServerSource, httpSource];
