/** The exit codes of `sluice` (`sluice --help` lists them). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** A usage error: unknown command or option, bad option value (as most Unix tools). */
export const EXIT_USAGE = 2;
/** EX_CONFIG, as Vector: a config error or a failed required healthcheck. */
export const EXIT_CONFIG = 78;
/** Config problems printed at most; the rest are counted. */
export const MAX_PRINTED_PROBLEMS = 50;

export const EXIT_CODES_HELP = `
Exit codes:
  0   success
  1   runtime failure (a component failed, the shutdown deadline passed)
  2   usage error (unknown command or option, bad option value)
  78  config error, or a required healthcheck failed (EX_CONFIG, as Vector)`;
