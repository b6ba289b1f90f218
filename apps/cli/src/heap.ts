/**
 * The V8 heap a `sluice` process runs with (docs/memory.md). V8 sizes its heap lazily and, on newer
 * Node lines, generously (Node 26 lets the young generation grow to 64 MiB and the old generation
 * grow for a long while before collecting it): a pipeline that needs 20-30 MiB of live heap peaked
 * at 250-450 MiB of RSS. A limit makes the bound a property of the configuration instead. Loaded
 * before anything else by `bin.ts`, so it imports nothing.
 */

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * The heap limit when none is given, by Node line: comfortably above a default pipeline's live
 * heap (20-25 MiB), and on Node 20 and 22 large enough that, with `HEAP_GROWING_PERCENT`, the old
 * generation may double between full collections (see `growHeapAsMeasured`): 16 MiB semi-spaces
 * and 96 MiB old on Node 20, 8 MiB and 112 MiB on Node 22.
 */
export function defaultHeapLimit(nodeMajor = NODE_MAJOR): number {
  return nodeMajor >= 24 ? 96 : 128;
}

/** The default heap limit of the Node running this process. */
export const DEFAULT_HEAP_LIMIT_MIB = defaultHeapLimit();
export const HEAP_LIMIT_OPTION = '--heap-limit-mib';
export const HEAP_LIMIT_ENVIRONMENT = 'SLUICE_HEAP_LIMIT_MIB';
/** Flags that size V8's heap: when the user set one, sluice leaves the heap to them. */
const HEAP_FLAG = /--max-(semi-space|old-space|heap)-size/;

/**
 * V8 flags for a heap of `limitMib` (none for 0: V8's own defaults): two semi-spaces for the young
 * generation, the old generation the rest. The semi-space size depends on the V8 of the Node line
 * (measured with `tcp → memory → kinesis` and `tcp → disk → kinesis`, default pipeline): on Node 20
 * the pipeline's ~3,500 live events survive 8 MiB semi-spaces and cost 1.3-1.8x the CPU per event
 * of 16 MiB ones; on Node 22 (with the growing factor) 8 MiB ones cost the same CPU and peak
 * 10-15 MiB lower; on Node 24 and 26, 16 MiB ones cost more CPU and peak above 150 MiB of RSS.
 * Each is at most a sixth of the limit. Both flags are accepted in NODE_OPTIONS by every supported Node.
 */
export function heapFlags(limitMib: number, nodeMajor = NODE_MAJOR): string[] {
  if (limitMib === 0) return [];
  const largest = nodeMajor >= 22 ? 8 : 16;
  const semiSpace = Math.min(largest, 2 ** Math.max(0, Math.floor(Math.log2(limitMib / 6))));
  const old = Math.max(16, limitMib - 2 * semiSpace);
  return [`--max-semi-space-size=${semiSpace}`, `--max-old-space-size=${old}`];
}

/**
 * How much V8 lets the old generation grow between full collections on Node 20 and 22 when the
 * heap is limited: 100 %, where V8 itself would grow a heap limited under 2 GiB by 1.3x at most.
 * With 1.3x the old generation's room after a collection is smaller than the young generation, so
 * V8 starts marking again at once: a pipeline ran under incremental marking all the time (45-145
 * full collections per million events instead of 4-46, 20-40 % more CPU per event). Node 24 and
 * 26 keep V8's own factor: measured there, doubling cost more memory than the CPU it saved.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Sets V8's growing factor (`HEAP_GROWING_PERCENT`) for a limited heap on Node 20 and 22; whether
 * it did. Unlike the limit it is read at every collection, so it is set from inside the process
 * (NODE_OPTIONS does not take it).
 */
export function growHeapAsMeasured(
  execArgv: readonly string[],
  environment: NodeJS.ProcessEnv,
  setFlags: (flags: string) => void,
  nodeMajor = NODE_MAJOR,
): boolean {
  if (nodeMajor >= 24 || !heapConfigured(execArgv, environment)) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * The heap limit asked for, in MiB: `--heap-limit-mib N` (or `=N`) among the arguments, else
 * `SLUICE_HEAP_LIMIT_MIB`, else the default. Undefined for a value that is not a whole number ≥ 0
 * (the command line parser reports it).
 */
export function heapLimitOf(argv: readonly string[], environment: NodeJS.ProcessEnv): number | undefined {
  let text = environment[HEAP_LIMIT_ENVIRONMENT];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--') break;
    if (argument === HEAP_LIMIT_OPTION) text = argv[index + 1];
    else if (argument.startsWith(`${HEAP_LIMIT_OPTION}=`))
      text = argument.slice(HEAP_LIMIT_OPTION.length + 1);
  }
  if (text === undefined || text.trim() === '') return DEFAULT_HEAP_LIMIT_MIB;
  const limit = Number(text);
  return Number.isInteger(limit) && limit >= 0 ? limit : undefined;
}

/** Whether V8's heap was sized already, on Node's command line or in NODE_OPTIONS. */
export function heapConfigured(execArgv: readonly string[], environment: NodeJS.ProcessEnv): boolean {
  return execArgv.some((flag) => HEAP_FLAG.test(flag)) || HEAP_FLAG.test(environment.NODE_OPTIONS ?? '');
}

/**
 * The environment to start sluice again with `flags` (the heap flags are read once, when V8 sets up
 * its heap, so they cannot be set from inside the process): NODE_OPTIONS, which Node and a single
 * executable both read.
 */
export function environmentWithFlags(
  environment: NodeJS.ProcessEnv,
  flags: readonly string[],
): NodeJS.ProcessEnv {
  const options = [environment.NODE_OPTIONS, ...flags].filter((part) => part !== undefined && part !== '');
  return { ...environment, NODE_OPTIONS: options.join(' ') };
}

/**
 * The command line that starts this process again: Node's flags, the script, the arguments. A
 * single executable has no script: its argv[1] is only the name it was called by (`sluice` from
 * PATH), which the new process would take for a command.
 */
export function commandLineAgain(
  execPath: string,
  execArgv: readonly string[],
  processArgv: readonly string[],
  singleExecutable: boolean,
): string[] {
  const script = singleExecutable ? [] : processArgv.slice(1, 2);
  return [execPath, ...execArgv, ...script, ...processArgv.slice(2)];
}

/** Commands that never run a pipeline: they keep V8's defaults (a big config to validate, say). */
const OTHER_COMMANDS = new Set([
  'validate',
  'top',
  'generate',
  'schema',
  'list',
  'graph',
  'buffer',
  'help',
  'vrl',
]);

/** Whether the command line runs a pipeline (`run`, the default command, or `demo`). */
export function runsPipeline(argv: readonly string[]): boolean {
  return !argv.some((argument) => OTHER_COMMANDS.has(argument) || argument === '--help' || argument === '-h');
}
