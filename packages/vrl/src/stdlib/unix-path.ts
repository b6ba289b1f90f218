/**
 * Rust's `std::path::Path` on Unix, as `basename`, `dirname` and `split_path` use it: components
 * (root, `.` only at the start, `..`, names; repeated and trailing slashes ignored), `file_name`
 * and `parent`.
 */

export interface PathComponent {
  kind: 'root' | 'current' | 'parent' | 'normal';
  text: string;
  /** Where the component ends in the path (UTF-16 offset). */
  end: number;
}

export function pathComponents(path: string): PathComponent[] {
  const components: PathComponent[] = [];
  let index = 0;
  if (path.startsWith('/')) {
    components.push({ kind: 'root', text: '/', end: 1 });
    index = 1;
  } else if (path === '.' || path.startsWith('./')) {
    components.push({ kind: 'current', text: '.', end: 1 });
    index = 1;
  }
  while (index < path.length) {
    let end = path.indexOf('/', index);
    if (end < 0) end = path.length;
    const part = path.slice(index, end);
    if (part === '..') components.push({ kind: 'parent', text: '..', end });
    else if (part !== '' && part !== '.') components.push({ kind: 'normal', text: part, end });
    index = end + 1;
  }
  return components;
}

/** `Path::file_name`: the last component when it is a name. */
export function fileName(path: string): string | undefined {
  const last = pathComponents(path).at(-1);
  return last?.kind === 'normal' ? last.text : undefined;
}

/** `Path::parent`: the path without its last component; undefined for a root or an empty path. */
export function parentPath(path: string): string | undefined {
  const components = pathComponents(path);
  const last = components.pop();
  if (last === undefined || last.kind === 'root') return undefined;
  const previous = components.at(-1);
  return previous === undefined ? '' : path.slice(0, previous.end);
}
