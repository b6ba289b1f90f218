import { type ComponentContext, createLogEvent, type FieldMap, setField } from '@sluice/component-api';
import type { PendingBatch } from './batch.js';
import type { FileServerSettings } from './settings.js';
import type { Watcher } from './watcher.js';

/** Fixed per-event overhead of the size estimate (field names, timestamp), as the other sources. */
const EVENT_OVERHEAD_BYTES = 64;

/** Makes the events of lines: the message and Vector's `host_key`, `file_key`, `offset_key` fields. */
export class EventMaker {
  readonly #settings: FileServerSettings;
  readonly #context: Pick<ComponentContext, 'metrics'>;
  /** The plain (undotted) field names to set on each event; `nested` when some are paths. */
  readonly #fieldKeys: { host?: string; file?: string; offset?: string; nested: boolean };

  constructor(settings: FileServerSettings, context: Pick<ComponentContext, 'metrics'>) {
    this.#settings = settings;
    this.#context = context;
    const plain = (key: string | undefined) =>
      key === undefined || key === '' || key.includes('.') ? undefined : key;
    this.#fieldKeys = {
      host: plain(settings.hostKey),
      file: plain(settings.fileKey),
      offset: plain(settings.offsetKey),
      nested: [settings.hostKey, settings.fileKey, settings.offsetKey ?? ''].some((key) => key.includes('.')),
    };
  }

  /** Vector's `internal_metrics.include_file_tag`: the received counters per file too. */
  fileTags(watcher: Watcher): NonNullable<Watcher['fileTags']> {
    if (watcher.fileTags === undefined) {
      const file = { file: watcher.path };
      const { metrics } = this.#context;
      watcher.fileTags = {
        bytes: metrics.counter('component_received_bytes_total', { protocol: 'file', ...file }),
        events: metrics.counter('component_received_events_total', file),
        eventBytes: metrics.counter('component_received_event_bytes_total', file),
      };
    }
    return watcher.fileTags;
  }

  /** One event per line (or joined message): Vector's fields, built without a loop per field. */
  add(watcher: Watcher, batch: PendingBatch, text: string, start: number, timestamp: Date): void {
    const fields: FieldMap = { message: text, source_type: 'file', timestamp };
    const keys = this.#fieldKeys;
    if (keys.host !== undefined) fields[keys.host] = this.#settings.hostname;
    if (keys.file !== undefined) fields[keys.file] = watcher.path;
    if (keys.offset !== undefined) fields[keys.offset] = start;
    if (keys.nested) this.#nest(fields, watcher, start);
    const byteSize = text.length + watcher.path.length + EVENT_OVERHEAD_BYTES;
    batch.events.push(createLogEvent(fields, { byteSize }));
    batch.bytes += byteSize;
    if (this.#settings.includeFileTag) {
      const tags = this.fileTags(watcher);
      tags.events.increment();
      tags.eventBytes.increment(byteSize);
    }
  }

  /** The field names that are paths (`log.file`): set as nested fields. */
  #nest(fields: FieldMap, watcher: Watcher, start: number): void {
    const { hostKey, fileKey, offsetKey, hostname } = this.#settings;
    if (hostKey.includes('.')) setField(fields, hostKey, hostname);
    if (fileKey.includes('.')) setField(fields, fileKey, watcher.path);
    if (offsetKey?.includes('.') === true) setField(fields, offsetKey, start);
  }
}
