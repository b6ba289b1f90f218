/**
 * The closest of `names` to a mistyped one, if it is close enough to be what was meant: core's
 * one "did you mean", loaded only on this error path (`--help` loads no runtime).
 */
export async function closest(name: string, names: readonly string[]): Promise<string | undefined> {
  const { suggest } = await import('@sluice/core-topology');
  return suggest(name, names);
}
