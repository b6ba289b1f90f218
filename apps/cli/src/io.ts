export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  environment: NodeJS.ProcessEnv;
  cwd: string;
  /** Signals to shut down on (SIGINT, SIGTERM) and SIGHUP; tests may pass their own emitter. */
  signals: NodeJS.EventEmitter;
  /** Exits at once (the second signal). */
  exit: (code: number) => void;
  /** Whether stderr is a terminal (`--color auto`); false when not given. */
  stderrIsTerminal?: boolean;
  /** The terminal, when stdout is one (`sluice top` refreshes in place and reads keys there). */
  terminal?: { input: NodeJS.ReadStream; output: NodeJS.WriteStream };
}

export type ColorMode = 'auto' | 'always' | 'never';

/** Whether output gets colors: `--color`, else NO_COLOR / FORCE_COLOR, else whether it is a terminal. */
export function useColor(mode: ColorMode, io: Io): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (io.environment.NO_COLOR) return false;
  if (io.environment.FORCE_COLOR && io.environment.FORCE_COLOR !== '0') return true;
  return io.stderrIsTerminal === true;
}
