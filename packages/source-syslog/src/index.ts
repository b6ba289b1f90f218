import { syslogSource } from './syslog-source.js';

export type { SyslogOptions } from './syslog-source.js';
export { createSyslogSource, DEFAULT_MAX_LENGTH, syslogSource } from './syslog-source.js';

export default [syslogSource];
