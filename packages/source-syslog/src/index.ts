import { syslogSource } from './syslog-source.js';

export type { ParseSyslogOptions, SyslogFields } from './parse-syslog.js';
export { parseSyslog, SyslogParseError, SyslogTimestamp } from './parse-syslog.js';
export type { SyslogOptions } from './syslog-source.js';
export { createSyslogSource, DEFAULT_MAX_LENGTH, syslogSource } from './syslog-source.js';

export default [syslogSource];
