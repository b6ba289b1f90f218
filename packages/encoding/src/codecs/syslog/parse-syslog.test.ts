import { describe, expect, it } from 'vitest';
import { parseSyslog, type SyslogFields, SyslogParseError } from './parse-syslog.js';

/*
 * The test data: VRL's own tests of parse_syslog (vectordotdev/vrl src/stdlib/parse_syslog.rs,
 * MPL-2.0) and syslog_loose 0.22's (tests/tests.rs and its module tests, MIT), each input with
 * the fields VRL's `message_to_value` makes of the crate's answer.
 */

const utc = (text: string) => new Date(text);
/** A date in the process's local time zone, as the crate's `Local.with_ymd_and_hms`. */
const local = (year: number, month: number, day: number, hour: number, minute: number, second: number) =>
  new Date(year, month - 1, day, hour, minute, second);
/** As the crate's tests' `with_year`: December is 2019's, the rest 2020's. */
const now = new Date(Date.UTC(2020, 0, 15));
/** VRL's tests run in UTC. */
const vrl = (text: string) => parseSyslog(text, { timezone: 'UTC', now });

/** The fields, the timestamp as an ISO string and its nanoseconds, for readable comparisons. */
function shape(fields: SyslogFields): Record<string, unknown> {
  const { timestamp, ...rest } = fields;
  return timestamp === undefined
    ? rest
    : { ...rest, timestamp: timestamp.toISOString(), nanos: timestamp.submillisecondNanos };
}
const at = (date: Date, nanos = 0) => ({ timestamp: date.toISOString(), nanos });

describe("parse_syslog: VRL's own tests", () => {
  it('valid (RFC 5424 with structured data, a space after "=")', () => {
    expect(
      shape(
        vrl(
          '<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"] Try to override the THX port, maybe it will reboot the neural interface!',
        ),
      ),
    ).toEqual({
      severity: 'notice',
      facility: 'user',
      ...at(utc('2020-03-13T20:45:38.119Z')),
      hostname: 'dynamicwireless.name',
      appname: 'non',
      procid: 2426,
      msgid: 'ID931',
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      message: 'Try to override the THX port, maybe it will reboot the neural interface!',
      version: 1,
    });
  });

  it('invalid', () => {
    expect(() => vrl('not much of a syslog message')).toThrow(SyslogParseError);
    expect(() => vrl('not much of a syslog message')).toThrow(
      'unable to parse input as valid syslog message',
    );
  });

  it('haproxy, and one missing its pri', () => {
    expect(shape(vrl('<133>Jun 13 16:33:35 haproxy[73411]: Proxy sticky-servers started.'))).toEqual({
      facility: 'local0',
      severity: 'notice',
      message: 'Proxy sticky-servers started.',
      ...at(utc('2020-06-13T16:33:35Z')),
      appname: 'haproxy',
      procid: 73411,
    });
    expect(shape(vrl('Jun 13 16:33:35 haproxy[73411]: I am missing a pri.'))).toEqual({
      message: 'I am missing a pri.',
      ...at(utc('2020-06-13T16:33:35Z')),
      appname: 'haproxy',
      procid: 73411,
    });
  });

  it('empty and non-empty structured data elements, an empty value', () => {
    const base = {
      message: 'qwerty',
      appname: 'root',
      facility: 'user',
      hostname: '74794bfb6795',
      procid: 8449,
      severity: 'notice',
      ...at(utc('2019-02-13T19:48:34Z')),
      version: 1,
    };
    expect(shape(vrl('<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [empty] qwerty'))).toEqual({
      ...base,
      empty: {},
    });
    expect(
      shape(vrl('<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [non_empty x="1"][empty] qwerty')),
    ).toEqual({ ...base, non_empty: { x: '1' }, empty: {} });
    expect(
      shape(vrl('<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [non_empty x=""][empty] qwerty')),
    ).toEqual({ ...base, non_empty: { x: '' }, empty: {} });
  });

  it('brackets in an RFC 3164 message that are no structured data stay in the message', () => {
    expect(
      shape(
        vrl(
          '<131>Jun 8 11:54:08 master apache_error [Tue Jun 08 11:54:08.929301 2021] [php7:emerg] [pid 1374899] [client 95.223.77.60:41888] rest of message',
        ),
      ),
    ).toEqual({
      appname: 'apache_error',
      facility: 'local0',
      hostname: 'master',
      severity: 'err',
      ...at(utc('2020-06-08T11:54:08Z')),
      message:
        '[Tue Jun 08 11:54:08.929301 2021] [php7:emerg] [pid 1374899] [client 95.223.77.60:41888] rest of message',
    });
  });

  it('escapes in structured data: \\", \\\\ and \\]', () => {
    const base = {
      appname: 'evntslog',
      facility: 'local4',
      hostname: 'mymachine.example.com',
      message: 'An application event log entry...',
      msgid: 'ID47',
      severity: 'notice',
      ...at(utc('2003-10-11T22:14:15.003Z')),
      version: 1,
    };
    const line = (value: string) =>
      `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="${value}"] An application event log entry...`;
    expect(shape(vrl(line('hello \\"test\\"')))).toEqual({
      ...base,
      'exampleSDID@32473': { key: 'hello "test"' },
    });
    expect(shape(vrl(line('hello a\\\\b')))).toEqual({ ...base, 'exampleSDID@32473': { key: 'hello a\\b' } });
    expect(shape(vrl(line('hello [bye\\]')))).toEqual({
      ...base,
      'exampleSDID@32473': { key: 'hello [bye]' },
    });
  });
});

describe("parse_syslog: syslog_loose's tests", () => {
  const parse = (text: string, timezone?: string) => shape(parseSyslog(text, { now, timezone }));

  it('nginx (RFC 3164 in local time, December of last year)', () => {
    expect(
      parse(
        '<190>Dec 28 16:49:07 plertrood-thinkpad-x220 nginx: 127.0.0.1 - - [28/Dec/2019:16:49:07 +0000] "GET / HTTP/1.1" 304 0 "-" "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:71.0) Gecko/20100101 Firefox/71.0"',
      ),
    ).toEqual({
      facility: 'local7',
      severity: 'info',
      ...at(local(2019, 12, 28, 16, 49, 7)),
      hostname: 'plertrood-thinkpad-x220',
      appname: 'nginx',
      message:
        '127.0.0.1 - - [28/Dec/2019:16:49:07 +0000] "GET / HTTP/1.1" 304 0 "-" "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:71.0) Gecko/20100101 Firefox/71.0"',
    });
  });

  it('a named time zone (Europe/Paris in January is +01:00)', () => {
    expect(parse('<46>Jan  5 15:33:03 plertrood-ThinkPad-X220 rsyslogd: start', 'Europe/Paris')).toEqual({
      facility: 'syslog',
      severity: 'info',
      ...at(utc('2020-01-05T14:33:03Z')),
      hostname: 'plertrood-ThinkPad-X220',
      appname: 'rsyslogd',
      message: 'start',
    });
  });

  it('rsyslog: RFC 3164 with structured data; without its id, or without a tag, it stays in the message', () => {
    const data =
      '[origin software="rsyslogd" swVersion="8.32.0" x-pid="20506" x-info="http://www.rsyslog.com"] start';
    const base = {
      facility: 'syslog',
      severity: 'info',
      ...at(local(2020, 1, 5, 15, 33, 3)),
      hostname: 'plertrood-ThinkPad-X220',
    };
    expect(parse(`<46>Jan  5 15:33:03 plertrood-ThinkPad-X220 rsyslogd:  ${data}`)).toEqual({
      ...base,
      appname: 'rsyslogd',
      origin: {
        software: 'rsyslogd',
        swVersion: '8.32.0',
        'x-pid': '20506',
        'x-info': 'http://www.rsyslog.com',
      },
      message: 'start',
    });
    const noId =
      '[software="rsyslogd" swVersion="8.32.0" x-pid="20506" x-info="http://www.rsyslog.com"] start';
    expect(parse(`<46>Jan  5 15:33:03 plertrood-ThinkPad-X220 rsyslogd:  ${noId}`)).toEqual({
      ...base,
      appname: 'rsyslogd',
      message: noId,
    });
    expect(parse(`<46>Jan  5 15:33:03 plertrood-ThinkPad-X220  ${noId}`)).toEqual({ ...base, message: noId });
  });

  it('RFC 5424: no, one, several structured data elements, BOM text, IPv4 and IPv6 host names', () => {
    const base = {
      ...at(utc('2003-10-11T22:14:15.003Z')),
      hostname: 'mymachine.example.com',
      version: 1,
      msgid: 'ID47',
    };
    expect(
      parse(
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root' failed for lonvick on /dev/pts/8",
      ),
    ).toEqual({
      ...base,
      facility: 'auth',
      severity: 'crit',
      appname: 'su',
      message: "BOM'su root' failed for lonvick on /dev/pts/8",
    });
    expect(
      parse(
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"][examplePriority@32473 class="high"] BOMAn application event log entry...',
      ),
    ).toEqual({
      ...base,
      facility: 'local4',
      severity: 'notice',
      appname: 'evntslog',
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
      message: 'BOMAn application event log entry...',
    });
    for (const host of ['42.52.1.1', '::FFFF:129.144.52.38'])
      expect(parse(`<34>1 2003-10-11T22:14:15.003Z ${host} su - ID47 - bananas and peas`)).toMatchObject({
        hostname: host,
        message: 'bananas and peas',
      });
  });

  it('an element it cannot read is dropped; surrounding white space is trimmed', () => {
    const base = {
      facility: 'user',
      severity: 'notice',
      ...at(utc('2019-02-13T19:48:34Z')),
      hostname: '74794bfb6795',
      appname: 'root',
      procid: 8449,
      version: 1,
      message: 'qwerty',
    };
    for (const element of ['[incorrect x]', '[incorrect x=]'])
      expect(parse(`<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - ${element} qwerty`)).toEqual(
        base,
      );
    expect(
      parse(
        '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [empty not_really="testing the test"] qwerty',
      ),
    ).toEqual({
      ...base,
      empty: { not_really: 'testing the test' },
    });
    const clean =
      '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [meta sequenceId="1"] i am foobar';
    expect(parse(`\n            ${clean}\n            `)).toEqual(parse(clean));
    expect(
      parse(
        '<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [meta sequenceId="1" sysUpTime="37" language="EN"][origin ip="192.168.0.1" software="test"] i am foobar',
      ),
    ).toEqual({
      ...base,
      meta: { sequenceId: '1', sysUpTime: '37', language: 'EN' },
      origin: { ip: '192.168.0.1', software: 'test' },
      message: 'i am foobar',
    });
  });

  it('syslog-ng and rsyslog defaults, a tag without a space before the message', () => {
    expect(parse('<13>Feb 13 20:07:26 74794bfb6795 root[8539]: i am foobar')).toEqual({
      facility: 'user',
      severity: 'notice',
      ...at(local(2020, 2, 13, 20, 7, 26)),
      hostname: '74794bfb6795',
      appname: 'root',
      procid: 8539,
      message: 'i am foobar',
    });
    expect(parse('<13>Feb 13 20:07:26 74794bfb6795 root[8539]:syslog message', 'UTC')).toMatchObject({
      ...at(utc('2020-02-13T20:07:26Z')),
      message: 'syslog message',
    });
    expect(
      parse(
        '<190>2019-02-13T21:53:30.605850+00:00 74794bfb6795 liblogging-stdlog:  [origin software="rsyslogd" swVersion="8.24.0" x-pid="9043" x-info="http://www.rsyslog.com"] start',
      ),
    ).toEqual({
      facility: 'local7',
      severity: 'info',
      ...at(utc('2019-02-13T21:53:30.605Z'), 850_000),
      hostname: '74794bfb6795',
      appname: 'liblogging-stdlog',
      origin: {
        software: 'rsyslogd',
        swVersion: '8.24.0',
        'x-pid': '9043',
        'x-info': 'http://www.rsyslog.com',
      },
      message: 'start',
    });
  });

  it('Juniper: an app name with colons, an offset, a missing pri; F5: a msgid ending in a colon', () => {
    const juniper = {
      ...at(utc('2020-05-22T17:59:09.250Z')),
      hostname: 'OX-XXX-MX204',
      appname: 'OX-XXX-CONTEUDO:rpd',
      procid: 6589,
      version: 1,
      message:
        'bgp_listen_accept: %DAEMON-4: Connection attempt from unconfigured neighbor: 2001:XXX::219:166+57284',
    };
    const line =
      '1 2020-05-22T14:59:09.250-03:00 OX-XXX-MX204 OX-XXX-CONTEUDO:rpd 6589 - - bgp_listen_accept: %DAEMON-4: Connection attempt from unconfigured neighbor: 2001:XXX::219:166+57284';
    expect(parse(`<28>${line}`)).toEqual({ ...juniper, facility: 'daemon', severity: 'warning' });
    expect(parse(line)).toEqual(juniper);
    expect(
      parse(
        '<131>1 2025-05-09T09:56:18.906539+02:00 Host-Name.network.example appname 1234 01230456:1: [F5@1234 hostname="Host-Name.network.example" errdefs_msgno="01230456:1:"] RST sent from 192.0.2.1:443 to 192.0.2.2:1176, [0xdeadbef:1010] RST from BIG-IP internal Linux host',
      ),
    ).toEqual({
      facility: 'local0',
      severity: 'err',
      ...at(utc('2025-05-09T07:56:18.906Z'), 539_000),
      hostname: 'Host-Name.network.example',
      appname: 'appname',
      procid: 1234,
      msgid: '01230456:1:',
      version: 1,
      'F5@1234': { hostname: 'Host-Name.network.example', errdefs_msgno: '01230456:1:' },
      message:
        'RST sent from 192.0.2.1:443 to 192.0.2.2:1176, [0xdeadbef:1010] RST from BIG-IP internal Linux host',
    });
  });

  it('European characters, an iptables line with a bracketed prefix, a blank RFC 5424 message', () => {
    expect(parse('<46>Jan 5 10:01:00 Übergröße außerplanmäßig größenordnungsmäßig')).toEqual({
      facility: 'syslog',
      severity: 'info',
      ...at(local(2020, 1, 5, 10, 1, 0)),
      hostname: 'Übergröße',
      appname: 'außerplanmäßig',
      message: 'größenordnungsmäßig',
    });
    expect(parse('<4>Jan 26 05:59:54 ubnt kernel: [WAN_LOCAL-default-D]IN=eth0 OUT= SYN URGP=0')).toEqual({
      facility: 'kern',
      severity: 'warning',
      ...at(local(2020, 1, 26, 5, 59, 54)),
      hostname: 'ubnt',
      appname: 'kernel',
      message: '[WAN_LOCAL-default-D]IN=eth0 OUT= SYN URGP=0',
    });
    expect(parse('<75>1 1969-12-03T23:58:58+00:00 - - - - - ')).toEqual({
      facility: 'cron',
      severity: 'err',
      ...at(utc('1969-12-03T23:58:58Z')),
      version: 1,
      message: '',
    });
  });

  it('refuses what is no syslog, and an impossible date (February 29th of 2019)', () => {
    expect(() => parse('I am an invalid syslog message, but I do like cheese')).toThrow(SyslogParseError);
    expect(() =>
      parseSyslog('<134> Feb 29 14:07:19 myhostname sshd - - - this is my message', {
        now: new Date(Date.UTC(2019, 5, 1)),
      }),
    ).toThrow(SyslogParseError);
    expect(() => parse('complete and utter gobbledegook')).toThrow(SyslogParseError);
  });
});
