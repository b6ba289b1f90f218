import type { FingerprintStrategy } from './fingerprint.js';
import type { IncludePattern } from './glob.js';
import type { SplitOptions } from './lines.js';
import type { MultilineRules } from './multiline.js';

/** The source's options, resolved (see `file-source.ts`). */
export interface FileServerSettings {
  include: readonly IncludePattern[];
  exclude: ReadonlyArray<(path: string) => boolean>;
  readFrom: 'beginning' | 'end';
  ignoreCheckpoints: boolean;
  /** Files (and checkpoints) last modified before this instant (ms) are not read from the start. */
  ignoreBefore: number | undefined;
  split: SplitOptions;
  /** Decodes a line's bytes for `encoding.charset`; undefined: UTF-8. */
  decode: ((bytes: Buffer) => string) | undefined;
  fingerprint: FingerprintStrategy;
  globCooldownMs: number;
  ignoreNotFound: boolean;
  oldestFirst: boolean;
  removeAfterMs: number | undefined;
  rotateWaitMs: number;
  maxReadBytes: number;
  maxOpenFiles: number;
  multiline: MultilineRules | undefined;
  hostKey: string;
  hostname: string;
  fileKey: string;
  offsetKey: string | undefined;
  includeFileTag: boolean;
  /** `<data_dir>/<source id>`: where the checkpoints live. */
  directory: string;
  /** How long the checkpoint of a file gone for good is kept (Vector: 60 s). */
  deadRetentionMs: number;
}
