import { Timestamp } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { fixedZone, formatStrftime, parseStrftime, type StrftimeItem } from './strftime.js';
import { parseTemplate, TemplateError, timezoneOffsetMinutes } from './template.js';

// chrono's documented example, 2001-07-08T00:34:59.026490+09:30 (a second before its leap second);
// %U as chrono's code and C's strftime write it (27; chrono's table says 28).
const example = new Timestamp(Date.UTC(2001, 6, 7, 15, 4, 59, 26), 490_000);
const write = (format: string, offset?: number) =>
  formatStrftime(
    parseStrftime(format) as StrftimeItem[],
    example,
    offset === undefined ? undefined : fixedZone(offset),
  );

describe("strftime, as chrono writes it (Vector's templates)", () => {
  it.each([
    ['%Y', '2001'],
    ['%C', '20'],
    ['%y', '01'],
    ['%q', '3'],
    ['%m', '07'],
    ['%b', 'Jul'],
    ['%B', 'July'],
    ['%h', 'Jul'],
    ['%d', '08'],
    ['%e', ' 8'],
    ['%a', 'Sun'],
    ['%A', 'Sunday'],
    ['%w', '0'],
    ['%u', '7'],
    ['%U', '27'],
    ['%W', '27'],
    ['%G', '2001'],
    ['%g', '01'],
    ['%V', '27'],
    ['%j', '189'],
    ['%D', '07/08/01'],
    ['%x', '07/08/01'],
    ['%F', '2001-07-08'],
    ['%v', ' 8-Jul-2001'],
    ['%H', '00'],
    ['%k', ' 0'],
    ['%I', '12'],
    ['%l', '12'],
    ['%P', 'am'],
    ['%p', 'AM'],
    ['%M', '34'],
    ['%S', '59'],
    ['%f', '026490000'],
    ['%.f', '.026490'],
    ['%.3f', '.026'],
    ['%.6f', '.026490'],
    ['%.9f', '.026490000'],
    ['%3f', '026'],
    ['%6f', '026490'],
    ['%9f', '026490000'],
    ['%R', '00:34'],
    ['%T', '00:34:59'],
    ['%X', '00:34:59'],
    ['%r', '12:34:59 AM'],
    ['%Z', '+09:30'],
    ['%z', '+0930'],
    ['%:z', '+09:30'],
    ['%::z', '+09:30:00'],
    ['%:::z', '+09'],
    ['%c', 'Sun Jul  8 00:34:59 2001'],
    ['%+', '2001-07-08T00:34:59.026490+09:30'],
    ['%s', '994518299'],
    ['%t%n%%', '\t\n%'],
    ['%-d/%-m %_m %0e', '8/7  7 08'],
  ])('%s at +09:30 is %j', (format, expected) => {
    expect(write(format, 570)).toBe(expected);
  });

  it('in UTC by default, %Z naming it', () => {
    expect(write('%Y-%m-%d %H:%M:%S %Z %z')).toBe('2001-07-07 15:04:59 UTC +0000');
  });

  it('in a named zone: its abbreviation, an offset with seconds as chrono writes it (rounded to minutes, truncated to hours, whole with %::z)', () => {
    // Paris before 1911: local mean time, +00:09:21.
    const zone = { offsetSeconds: 561, name: 'LMT' };
    const items = parseStrftime('%H:%M:%S %Z %z %:z %::z %:::z') as StrftimeItem[];
    expect(formatStrftime(items, new Date(Date.UTC(1900, 0, 1)), zone)).toBe(
      '00:09:21 LMT +0009 +00:09 +00:09:21 +00',
    );
    expect(
      formatStrftime(parseStrftime('%z') as StrftimeItem[], example, { offsetSeconds: -5431, name: 'x' }),
    ).toBe('-0131');
  });

  it('counts days and weeks in the years 0 to 99 too (no 1900s shift)', () => {
    const date = new Date(0);
    date.setUTCFullYear(50, 11, 31);
    expect(formatStrftime(parseStrftime('%Y-%m-%d %j %G-W%V') as StrftimeItem[], date)).toBe(
      '0050-12-31 365 0050-W52',
    );
  });

  it('refuses what chrono refuses: an unknown specifier, a % at the end, %#z', () => {
    for (const format of ['%E', 'a%', '%.2f', '%:y', '%#z', '%-'])
      expect(parseStrftime(format), format).toEqual({
        error: expect.stringMatching(/invalid strftime specifier/),
      });
  });
});

describe("templates, as Vector's (src/template tests)", () => {
  const event = { message: 'hello world', log_stream: 'stream', foo: 'bar', baz: 'quux' };
  const render = (template: string, fields: Record<string, unknown> = event) =>
    parseTemplate(template).render(fields as never);

  it('fields, prefixes and suffixes, junk that is no reference', () => {
    expect(render('foo')).toEqual({ text: 'foo' });
    expect(render('{{log_stream}}')).toEqual({ text: 'stream' });
    expect(render('abcd-{{log_stream}}')).toEqual({ text: 'abcd-stream' });
    expect(render('{{log_stream}}-abcd')).toEqual({ text: 'stream-abcd' });
    expect(render('stream-{{foo}}-{{baz}}.log')).toEqual({ text: 'stream-bar-quux.log' });
    expect(render('{stream}{\\{{}}}-{{foo}}-{{baz}}.log')).toEqual({ text: '{stream}{\\{{}}}-bar-quux.log' });
    expect(render('{{log_stream}}-{{nope}}', { message: 'x' })).toEqual({ missing: ['log_stream', 'nope'] });
  });

  it('dates from the event timestamp, fields never read as formats, quoted paths', () => {
    const timestamp = new Date(Date.UTC(2001, 1, 3, 4, 5, 6));
    expect(render('abcd-%F', { timestamp })).toEqual({ text: 'abcd-2001-02-03' });
    expect(render('abcd-%F_%T', { timestamp })).toEqual({ text: 'abcd-2001-02-03_04:05:06' });
    expect(render('{{ foo }}-%F_%T', { foo: 'butts', timestamp })).toEqual({
      text: 'butts-2001-02-03_04:05:06',
    });
    expect(render('nested {{ format }} %T', { format: '%F', timestamp })).toEqual({
      text: 'nested %F 04:05:06',
    });
    expect(render('nested {{ "%F" }} %T', { '%F': 'foo', timestamp })).toEqual({
      text: 'nested foo 04:05:06',
    });
    expect(render('{{ .a.b[1] }} {{ n }} {{ t }}', { a: { b: [1, 2.5] }, n: null, t: timestamp })).toEqual({
      text: '2.5 <null> 2001-02-03T04:05:06Z',
    });
  });

  it('a timezone as one fixed offset: Asia/Singapore is +08:00', () => {
    const offset = timezoneOffsetMinutes('Asia/Singapore');
    expect(offset).toBe(480);
    const template = parseTemplate('vector-%Y-%m-%d-%H.log', { offsetMinutes: offset });
    expect(template.render({ timestamp: new Date(Date.UTC(2001, 1, 3, 4, 5, 6)) })).toEqual({
      text: 'vector-2001-02-03-12.log',
    });
    expect(timezoneOffsetMinutes('Not/AZone')).toBeUndefined();
  });

  it('fields, dynamic-ness and the literal prefix', () => {
    expect(parseTemplate('{{ foo }}-{{ bar }}').fields).toEqual(['foo', 'bar']);
    expect(parseTemplate('/kube-demo/%F').isDynamic).toBe(true);
    expect(parseTemplate('/kube-demo/echo').isDynamic).toBe(false);
    // A literal without a date part is kept as written, as Vector keeps it.
    expect(parseTemplate('100%%').render({})).toEqual({ text: '100%%' });
    for (const [source, prefix] of [
      ['/var/log/app.log', '/var/log/app.log'],
      ['/var/log/{{ host }}/app.log', '/var/log/'],
      ['/var/log/%Y/{{ host }}.log', '/var/log/'],
      ['{{ full_path }}', ''],
      ['100%%-literal/{{ x }}', '100'],
      ['a{b/{{ c }}', 'a{b/'],
    ])
      expect(parseTemplate(source as string).literalPrefix, source).toBe(prefix);
  });

  it('refuses a bad strftime specifier', () => {
    expect(() => parseTemplate('%E')).toThrow(TemplateError);
  });

  it("old Vector's form (add_fields): fields first, then the whole text as a date format", () => {
    const legacy = (source: string, fields: Record<string, unknown>) =>
      parseTemplate(source, { legacy: true }).render(fields as never);
    expect(legacy('{{message}} {{message}}', { message: 'augment me' })).toEqual({
      text: 'augment me augment me',
    });
    expect(legacy('a.b was: {{a.b}}', { a: { b: 'initial value' } })).toEqual({
      text: 'a.b was: initial value',
    });
    const timestamp = new Date(Date.UTC(2001, 1, 3, 4, 5, 6));
    expect(legacy('{{ f }} %Y', { f: '%m', timestamp })).toEqual({ text: '02 2001' });
    expect(() => parseTemplate('50%', { legacy: true })).toThrow(TemplateError);
  });
});
