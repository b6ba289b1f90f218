import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import type { Template } from '@sluice/encoding';

/** Vector's MAX_RENDERED_PATH_LEN: a longer rendered path is refused. */
export const MAX_RENDERED_PATH_BYTES = 1024;

/**
 * Vector's path confinement (src/sinks/util/path_confinement.rs, since 0.57): a path template that
 * names event fields writes only under a base directory, `base_dir` or the directory of the
 * template's literal prefix (`/var/log/app/{{ host }}.log` stays in `/var/log/app`). Returns the
 * base, undefined when the template needs none, or the reason the config cannot be confined.
 */
export function confinementBase(
  template: Template,
  baseDir: string | undefined,
): { base?: string; problem?: string } {
  if (baseDir !== undefined) {
    if (!isAbsolute(baseDir)) return { problem: `base_dir must be an absolute path (got "${baseDir}")` };
    const base = resolve(baseDir);
    if (template.fields.length === 0) {
      const path = resolve(base, template.source);
      if (!within(path, base))
        return {
          problem: `the path "${path}" is outside base_dir "${base}": every event would be dropped; align the path with base_dir, or remove base_dir`,
        };
    }
    return { base };
  }
  if (template.fields.length === 0) return {};
  const prefix = template.literalPrefix.slice(0, template.literalPrefix.lastIndexOf('/') + 1);
  const fields = template.fields.join(', ');
  if (prefix === '' || !isAbsolute(prefix))
    return {
      problem: `the path names event fields (${fields}) but has no literal directory to confine them to; set base_dir, or dangerously_allow_unconfined_template_resolution = true (not recommended)`,
    };
  const base = resolve(prefix);
  if (base === sep)
    return {
      problem: `the path's literal directory "${prefix}" is the file system root, which would allow writes anywhere; set base_dir, or dangerously_allow_unconfined_template_resolution = true (not recommended)`,
    };
  return { base };
}

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : `${base}${sep}`);
}

/** A rendered path, normalized, when it stays under `base`; otherwise why not (Vector's `confine`). */
export function confine(rendered: string, base: string): { path: string } | { problem: string } {
  if (rendered.includes('\0')) return { problem: 'the rendered path contains a NUL byte' };
  const length = Buffer.byteLength(rendered);
  if (length > MAX_RENDERED_PATH_BYTES)
    return { problem: `the rendered path is ${length} bytes; at most ${MAX_RENDERED_PATH_BYTES}` };
  const path = resolve(base, rendered);
  if (!within(path, base))
    return { problem: `the rendered path "${path}" is outside the base directory "${base}"` };
  return { path };
}

/** Whether a directory, its symbolic links resolved, is still under `base` (resolved too). */
export async function staysUnder(directory: string, base: string): Promise<boolean> {
  const [real, realBase] = await Promise.all([realpath(directory), realpath(base).catch(() => base)]);
  return within(real, realBase);
}
