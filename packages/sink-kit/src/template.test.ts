import { ConfigError, createLogEvent, Timestamp } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { Template } from './template.js';

const at = new Date(Date.UTC(2024, 0, 7, 5, 4, 3, 21)); // a Sunday, ISO week 1 of 2024
const event = (fields: Record<string, unknown>) =>
  createLogEvent({ timestamp: at, ...fields } as Parameters<typeof createLogEvent>[0]);

describe('Template (Vector template syntax)', () => {
  it('renders fields by path (with or without a leading dot), missing ones reported, null as Vector writes it', () => {
    const template = new Template('app-{{ service }}-{{.kubernetes.ns}}');
    expect(template.isStatic).toBe(false);
    expect(template.render(event({ service: 'api', kubernetes: { ns: 'prod' } }))).toEqual({
      text: 'app-api-prod',
    });
    expect(template.render(event({}))).toEqual({ missing: ['service', '.kubernetes.ns'] });
    expect(template.render(event({ service: null, kubernetes: { ns: 'prod' } }))).toEqual({
      text: 'app-<null>-prod',
    });
    // Values as Vector writes them in text: numbers, booleans, tables as JSON.
    expect(new Template('{{ n }}/{{ b }}/{{ t }}').render(event({ n: 42, b: true, t: { a: 1 } }))).toEqual({
      text: '42/true/{"a":1}',
    });
  });

  it("formats the event's timestamp with chrono's strftime items, in UTC", () => {
    const render = (source: string) => (new Template(source).render(event({})) as { text: string }).text;
    expect(render('vector-%Y.%m.%d')).toBe('vector-2024.01.07');
    expect(render('%F %T|%H%M%S|%j|%y|%C')).toBe('2024-01-07 05:04:03|050403|007|24|20');
    expect(render('%a %A %b %B %h|%e|%-d|%_m|%k|%I %l %p %P')).toBe(
      'Sun Sunday Jan January Jan| 7|7| 1| 5|05  5 AM am',
    );
    expect(render('%u %w %U %W %G-W%V %g')).toBe('7 0 01 01 2024-W01 24');
    expect(render('%s|%.3f|%3f|%.f|%f')).toBe('1704603843|.021|021|.021|021000000');
    expect(render('%D|%R|%r|%c|%+')).toBe(
      '01/07/24|05:04|05:04:03 AM|Sun Jan  7 05:04:03 2024|2024-01-07T05:04:03.021+00:00',
    );
    expect(render('%z %:z %Z 100%% %t.')).toBe('+0000 +00:00 UTC 100% \t.');
    const nanos = createLogEvent({ timestamp: new Timestamp(at.getTime(), 456_789) });
    expect(new Template('%.9f %.6f %.f').render(nanos)).toEqual({ text: '.021456789 .021456 .021456789' });
  });

  it('is static without fields or time items (kept as written, as Vector); now stands in for a missing timestamp', () => {
    expect(new Template('logs-100%%').isStatic).toBe(true);
    expect(new Template('logs-100%%').render(event({}))).toEqual({ text: 'logs-100%%' });
    const year = new Date().getUTCFullYear();
    const rendered = new Template('%Y').render(createLogEvent({ message: 'no time' })) as { text: string };
    expect(Number(rendered.text)).toBeGreaterThanOrEqual(year);
  });

  it('refuses an unknown strftime item or an empty field path, naming the option', () => {
    expect(() => new Template('x-%Q', 'bulk.index')).toThrow(ConfigError);
    expect(() => new Template('x-%Q', 'bulk.index')).toThrow(/bulk\.index.*"%Q"/s);
    expect(() => new Template('x-%#z')).toThrow(ConfigError);
    expect(() => new Template('x-%')).toThrow(ConfigError);
    expect(() => new Template('{{ }}')).toThrow(/invalid field path/);
    expect(() => new Template('{{ a..b }}')).toThrow(/invalid field path/);
  });

  it('renders for prepare: the text, or the rejection of the event naming the option', () => {
    const template = new Template('app-{{ service }}', 'bulk.index');
    expect(template.renderOrReject(event({ service: 'api' }))).toBe('app-api');
    expect(template.renderOrReject(event({}))).toEqual({
      discard: 'rejected',
      errorType: 'template_failed',
      errorCode: 'template_failed',
      message: 'bulk.index "app-{{ service }}": missing service',
    });
  });

  it('fails a rendered value longer than 1024 bytes', () => {
    expect(new Template('{{ id }}').render(event({ id: 'x'.repeat(1024) }))).toEqual({
      text: 'x'.repeat(1024),
    });
    const rendered = new Template('{{ id }}').render(event({ id: 'é'.repeat(513) }));
    expect('missing' in rendered).toBe(true);
  });
});
