/**
 * Vector's template syntax (`src/template`) for the options a sink renders per event (an index, a
 * key, a stream): `{{ field.path }}` is the event's field, and strftime items (`%Y-%m-%d`, chrono's
 * specifiers) format the event's `timestamp` (now when it has none), in UTC. The parsing and
 * rendering are `@sluice/encoding`'s, as for every other template in Sluice; this adds what a sink
 * needs: config errors naming the option, and an event's rejection when it cannot be rendered.
 */
import { ConfigError, type LogEvent } from '@sluice/component-api';
import { type Template as ParsedTemplate, parseTemplate, TemplateError } from '@sluice/encoding';
import { type Discard, rejectEvent } from './results.js';

/**
 * The longest rendered value (Vector's bound on a rendered path): a longer one fails the event, so
 * a field cannot blow up an index name or a request line.
 */
const MAX_RENDERED_BYTES = 1024;

/** A template rendered for one event: the text, or the fields it lacks. */
export type Rendered = { readonly text: string } | { readonly missing: readonly string[] };

export class Template {
  readonly source: string;
  /** The option it comes from, for messages. */
  readonly option: string;
  readonly #parsed: ParsedTemplate;

  /** Parses `source`; a config error names `path` for an invalid strftime item or field path. */
  constructor(source: string, path = 'template') {
    this.source = source;
    this.option = path;
    try {
      this.#parsed = parseTemplate(source);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new ConfigError([{ file: undefined, path, message: `template: ${error.message}` }]);
    }
  }

  /** Whether every event renders the same text (no field, no time). */
  get isStatic(): boolean {
    return !this.#parsed.isDynamic;
  }

  /** The text for `event`, or the fields it lacks. */
  render(event: LogEvent): Rendered {
    const rendered = this.#parsed.render(event.fields);
    if ('text' in rendered && Buffer.byteLength(rendered.text) > MAX_RENDERED_BYTES)
      return { missing: [`(rendered longer than ${MAX_RENDERED_BYTES} bytes)`] };
    return rendered;
  }

  /**
   * The text for a sink's `prepare`, or the event's rejection (`template_failed`, counted and
   * routed by the kit) where Vector drops it with a TemplateRenderingError.
   */
  renderOrReject(event: LogEvent): string | Discard {
    const rendered = this.render(event);
    if ('text' in rendered) return rendered.text;
    const message = `${this.option} "${this.source}": missing ${rendered.missing.join(', ')}`;
    return rejectEvent('template_failed', message);
  }
}
