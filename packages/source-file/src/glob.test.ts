import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileExclude, compileInclude, GlobSyntaxError, type WalkProblem, walkInclude } from './glob.js';

describe('exclude patterns (Rust glob Pattern::matches, default options)', () => {
  const matches = (pattern: string, path: string) => compileExclude(pattern)(path);

  it('lets * and ? cross "/" and match a leading dot, as Vector does', () => {
    expect(matches('/var/log/*.gz', '/var/log/nginx/access.log.gz')).toBe(true);
    expect(matches('/var/log/*.gz', '/var/log/.hidden.gz')).toBe(true);
    expect(matches('/var/log/a?b', '/var/log/a/b')).toBe(true);
    expect(matches('/var/log/*.gz', '/var/log/access.log')).toBe(false);
  });

  it('reads ** as nothing or directories', () => {
    expect(matches('/var/**/x.log', '/var/x.log')).toBe(true);
    expect(matches('/var/**/x.log', '/var/a/b/x.log')).toBe(true);
    expect(matches('/var/**/x.log', '/var/a/bx.log')).toBe(false);
  });

  it('reads character sets, ranges, negation and a leading ]', () => {
    expect(matches('/l/[abc].log', '/l/b.log')).toBe(true);
    expect(matches('/l/[a-c].log', '/l/d.log')).toBe(false);
    expect(matches('/l/[!a-c].log', '/l/d.log')).toBe(true);
    expect(matches('/l/[]].log', '/l/].log')).toBe(true);
    expect(matches('/l/[!]].log', '/l/x.log')).toBe(true);
    expect(matches('/l/[abc-].log', '/l/-.log')).toBe(true);
    expect(matches('/l/[?].log', '/l/?.log')).toBe(true);
    expect(matches('/l/[?].log', '/l/x.log')).toBe(false);
    // A reversed range matches nothing in Rust.
    expect(matches('/l/[z-a].log', '/l/m.log')).toBe(false);
  });

  it('treats regular-expression characters, braces and parentheses literally', () => {
    expect(matches('/l/app(1).log', '/l/app(1).log')).toBe(true);
    expect(matches('/l/{a,b}.log', '/l/{a,b}.log')).toBe(true);
    expect(matches('/l/{a,b}.log', '/l/a.log')).toBe(false);
    expect(matches('/l/a+b$.log', '/l/a+b$.log')).toBe(true);
  });

  it('refuses what Rust refuses: ***, ** inside a component, an unclosed [', () => {
    expect(() => compileExclude('/l/***')).toThrow(GlobSyntaxError);
    expect(() => compileExclude('/l/a**/b')).toThrow(/whole path component/);
    expect(() => compileExclude('/l/**b')).toThrow(GlobSyntaxError);
    expect(() => compileExclude('/l/[ab')).toThrow(/unclosed/);
    expect(() => compileInclude('/l/[')).toThrow(/unclosed/);
  });
});

describe('walking include patterns', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-glob-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const path of ['a.log', '.hidden.log', 'b.txt', 'sub/c.log', 'sub/deep/d.log', 'other/e.log'])
    mkdirSync(join(root, path, '..'), { recursive: true });
  for (const path of ['a.log', '.hidden.log', 'b.txt', 'sub/c.log', 'sub/deep/d.log', 'other/e.log'])
    writeFileSync(join(root, path), 'x\n');
  mkdirSync(join(root, 'dir.log'));
  execFileSync('mkfifo', [join(root, 'fifo.log')]);
  symlinkSync(join(root, 'missing'), join(root, 'dangling.log'));
  symlinkSync(root, join(root, 'sub', 'loop'));

  const walk = async (pattern: string) => {
    const problems: WalkProblem[] = [];
    const paths = await walkInclude(compileInclude(pattern), (problem) => problems.push(problem));
    return { paths: paths.map((path) => path.slice(root.length + 1)), problems };
  };

  it('lists every entry a component matches, hidden ones, directories, FIFOs and dangling links included', async () => {
    const { paths } = await walk(`${root}/*.log`);
    expect(paths).toEqual(['.hidden.log', 'a.log', 'dangling.log', 'dir.log', 'fifo.log']);
  });

  it('walks ** through every depth, once per directory even through a symbolic-link loop', async () => {
    const { paths } = await walk(`${root}/**/*.log`);
    expect(paths).toEqual(
      expect.arrayContaining(['a.log', 'sub/c.log', 'sub/deep/d.log', 'other/e.log', 'fifo.log']),
    );
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('matches a literal path, and a missing one as nothing, without a problem', async () => {
    expect((await walk(`${root}/sub/c.log`)).paths).toEqual(['sub/c.log']);
    const missing = await walk(`${root}/nowhere/*.log`);
    expect(missing).toEqual({ paths: [], problems: [] });
  });

  it('walks a relative pattern from the working directory', async () => {
    const relativeRoot = relative(process.cwd(), root);
    const paths = await walkInclude(compileInclude(`${relativeRoot}/sub/*.log`), () => {});
    expect(paths).toEqual([`${relativeRoot}/sub/c.log`]);
  });
});
