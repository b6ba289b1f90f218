const regexExamples = 'A Rust regular expression (as Vector), e.g. "^[\\\\s]+" or "^\\\\d{4}-".';

/** The JSON schema of the `file` source's options (Vector's, and `max_open_files`), with their docs. */
export const fileSourceOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['include'],
  properties: {
    include: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Files to read, as glob patterns (Rust glob syntax, as Vector: *, ?, [a-z], [!a-z], ** as a whole path component), e.g. "/var/log/**/*.log". Matches are found again every glob_minimum_cooldown_ms.',
      examples: [['/var/log/**/*.log']],
    },
    exclude: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description:
        'Glob patterns of paths not to read, applied after include, matched against the whole path (* also matches "/", as in Vector).',
    },
    file_key: {
      type: 'string',
      default: 'file',
      description: 'Field for the path of the file the line came from; "" leaves it out.',
    },
    host_key: {
      type: 'string',
      description: 'Field for the machine\'s hostname (default "host"); "" leaves it out.',
    },
    offset_key: {
      type: 'string',
      description: 'Field for the byte offset of the line in its file. Default: none (not added).',
    },
    read_from: {
      type: 'string',
      enum: ['beginning', 'end'],
      default: 'beginning',
      description:
        'Where to start a file that has no checkpoint, among those found at startup (files that appear later are always read from the beginning). With damaged checkpoints, the beginning (duplicates rather than loss).',
    },
    ignore_checkpoints: {
      type: 'boolean',
      description:
        'Start every file as read_from says, not where its checkpoint stands (checkpoints are still written). Default: false.',
    },
    start_at_beginning: {
      type: 'boolean',
      description:
        'Deprecated (warns): use ignore_checkpoints and read_from. true makes ignore_checkpoints default to true.',
    },
    ignore_older_secs: {
      type: 'integer',
      minimum: 0,
      description:
        'Files (and checkpoints) not modified for this long are not read from the start: reading begins at their end. Default: none.',
    },
    max_line_bytes: {
      type: 'integer',
      minimum: 1,
      default: 102400,
      description:
        'Longest line in bytes; a longer line is skipped whole (never held in memory beyond this), counted and logged.',
    },
    max_read_bytes: {
      type: 'integer',
      minimum: 1,
      default: 2048,
      description:
        'Bytes read from one file before turning to the next (fairness; not with oldest_first). Sluice reads at least 256 KiB at a time (one read).',
    },
    line_delimiter: {
      type: 'string',
      default: '\n',
      description: 'What separates lines, e.g. "\\r\\n". Not part of the message.',
    },
    fingerprint: {
      type: 'object',
      additionalProperties: false,
      default: { strategy: 'checksum', lines: 1, ignored_header_bytes: 0 },
      description:
        "How files are told apart across renames and restarts: a checksum of their first lines (Vector's CRC-64, so Vector's checkpoints carry over), or their device and inode.",
      properties: {
        strategy: {
          type: 'string',
          enum: ['checksum', 'device_and_inode'],
          default: 'checksum',
          description: 'checksum (the first lines) or device_and_inode.',
        },
        lines: {
          type: 'integer',
          minimum: 0,
          default: 1,
          description: 'checksum: lines checksummed; a file with fewer lines is not read until it has them.',
        },
        ignored_header_bytes: {
          type: 'integer',
          minimum: 0,
          default: 0,
          description: 'checksum: bytes skipped before the checksummed lines (a header all files share).',
        },
        bytes: {
          type: 'integer',
          minimum: 0,
          description: 'Removed from Vector (0.51): accepted and ignored, with a warning.',
        },
      },
    },
    glob_minimum_cooldown_ms: {
      type: 'integer',
      minimum: 1,
      default: 1000,
      description:
        'Milliseconds between two searches for files (new, renamed, rotated, grown). Sluice lengthens it when a search of many files takes long (at most a tenth of the time searching).',
    },
    ignore_not_found: {
      type: 'boolean',
      default: false,
      description: 'Do not report matched paths that do not exist (dangling symbolic links).',
    },
    multiline: {
      type: 'object',
      additionalProperties: false,
      required: ['start_pattern', 'condition_pattern', 'mode', 'timeout_ms'],
      description: "Joins several lines into one message (Vector's multiline). Default: off.",
      properties: {
        start_pattern: { type: 'string', description: `Where a message starts. ${regexExamples}` },
        condition_pattern: {
          type: 'string',
          description: `Whether the next line belongs to the message (see mode). ${regexExamples}`,
        },
        mode: {
          type: 'string',
          enum: ['continue_through', 'continue_past', 'halt_before', 'halt_with'],
          description:
            'continue_through: lines matching condition_pattern join; continue_past: those and one more; halt_before: lines until one matches (excluded); halt_with: lines up to one that matches (included).',
        },
        timeout_ms: {
          type: 'integer',
          minimum: 0,
          description: 'An unfinished message is sent as it is after this long without a new line.',
        },
      },
    },
    message_start_indicator: {
      type: 'string',
      description: 'Deprecated (warns): use multiline. A start pattern with mode halt_before.',
    },
    multi_line_timeout: {
      type: 'integer',
      minimum: 0,
      default: 1000,
      description: 'Deprecated: the timeout_ms of message_start_indicator.',
    },
    encoding: {
      type: 'object',
      additionalProperties: false,
      required: ['charset'],
      description: "The files' character set; lines are turned into UTF-8. Default: UTF-8.",
      properties: {
        charset: {
          type: 'string',
          description:
            'A WHATWG encoding label: "utf-16le", "utf-16be", "latin1", "shift_jis", … Malformed sequences become U+FFFD.',
        },
      },
    },
    oldest_first: {
      type: 'boolean',
      default: false,
      description: 'Read the oldest file to its end before reading newer ones (instead of taking turns).',
    },
    remove_after_secs: {
      type: 'integer',
      minimum: 0,
      description:
        'Delete a file once it was read to its end, stayed unchanged this long and all its lines were delivered. Default: never.',
    },
    rotate_wait_secs: {
      type: 'integer',
      minimum: 0,
      description:
        'How long a file renamed away or deleted is still read (while it is written to). Default: no limit; it is let go once read to its end and quiet for 5 s.',
    },
    data_dir: {
      type: 'string',
      description:
        'Where the checkpoints are kept (in a subdirectory named after the source). Default: the global data_dir.',
    },
    internal_metrics: {
      type: 'object',
      additionalProperties: false,
      description: 'Internal metrics of the source.',
      properties: {
        include_file_tag: {
          type: 'boolean',
          default: false,
          description:
            'Also count received bytes and events per file (a "file" label: unbounded cardinality).',
        },
      },
    },
    acknowledgements: {
      description: 'Deprecated and without effect (as in Vector): enable acknowledgements on the sinks.',
      oneOf: [
        { type: 'boolean' },
        { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      ],
    },
    log_namespace: {
      type: 'boolean',
      description: "Vector's log namespace switch: only false (the legacy namespace) is supported.",
    },
    max_open_files: {
      type: 'integer',
      minimum: 1,
      description:
        'Sluice extension: most files held open at once; idle ones beyond are closed and reopened when they grow. Default: a quarter of `ulimit -n`, at most 10,000 (Vector holds every file open).',
    },
  },
} as const;
