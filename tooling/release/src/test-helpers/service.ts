import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { command, type Result } from './commands.js';

/** The settings of a systemd unit's [Service] section that say how its commands run. */
export interface ServiceUnit {
  user: string;
  group: string;
  execStartPre: string[];
  execStart: string;
  environmentFiles: string[];
  workingDirectory: string;
}

export async function readServiceUnit(path: string): Promise<ServiceUnit> {
  const values = new Map<string, string[]>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match === null) continue;
    const [, key, value] = match as unknown as [string, string, string];
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const one = (key: string, fallback?: string) => {
    const value = values.get(key)?.at(-1) ?? fallback;
    if (value === undefined) throw new Error(`${path}: no ${key}=`);
    return value;
  };
  return {
    user: one('User'),
    group: one('Group', one('User')),
    execStartPre: values.get('ExecStartPre') ?? [],
    execStart: one('ExecStart'),
    environmentFiles: values.get('EnvironmentFile') ?? [],
    // systemd runs a system service in / unless the unit says otherwise.
    workingDirectory: one('WorkingDirectory', '/'),
  };
}

async function environmentOf(unit: ServiceUnit): Promise<Record<string, string>> {
  // What systemd gives a service with User= (its PATH, HOME, USER, LOGNAME, SHELL), then the files.
  const environment: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin',
    USER: unit.user,
    LOGNAME: unit.user,
  };
  for (const entry of unit.environmentFiles) {
    const path = entry.replace(/^-/, '');
    if (!existsSync(path)) {
      if (entry.startsWith('-')) continue;
      throw new Error(`EnvironmentFile ${path} is missing`);
    }
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (match !== null) environment[match[1] as string] = (match[2] as string).replace(/^"(.*)"$/, '$1');
    }
  }
  return environment;
}

function asService(unit: ServiceUnit, commandLine: string): string[] {
  const [file, ...args] = commandLine.split(/\s+/) as [string, ...string[]];
  return [`--reuid=${unit.user}`, `--regid=${unit.group}`, '--init-groups', '--', file, ...args];
}

/** Starts a command line of the unit as `runAsService` does, without waiting for it to end. */
export async function spawnAsService(unit: ServiceUnit, commandLine: string): Promise<ChildProcess> {
  return spawn('setpriv', asService(unit, commandLine), {
    cwd: unit.workingDirectory,
    env: await environmentOf(unit),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs a command line of the unit as systemd would, where no systemd runs (a container, CI): as
 * its user and group, in its working directory, with its environment files.
 */
export async function runAsService(unit: ServiceUnit, commandLine: string): Promise<Result> {
  return command('setpriv', asService(unit, commandLine), {
    cwd: unit.workingDirectory,
    env: await environmentOf(unit),
  });
}

/** ExecStartPre then ExecStart, as `systemctl start` runs them; the first failure ends it. */
export async function startService(unit: ServiceUnit): Promise<Result> {
  for (const pre of unit.execStartPre) {
    const result = await runAsService(unit, pre);
    if (result.code !== 0) return result;
  }
  return runAsService(unit, unit.execStart);
}
