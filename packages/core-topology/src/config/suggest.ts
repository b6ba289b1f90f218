/**
 * Edits between two names: insertions, deletions, substitutions and swaps of two neighbours (the
 * commonest typo, `numbres`), each counting one (optimal string alignment distance).
 */
export function editDistance(first: string, second: string): number {
  const rows = first.length + 1;
  const columns = second.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = first[row - 1] === second[column - 1] ? 0 : 1;
      const current = table[row] as number[];
      const previous = table[row - 1] as number[];
      let best = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        first[row - 1] === second[column - 2] &&
        first[row - 2] === second[column - 1]
      )
        best = Math.min(best, ((table[row - 2] as number[])[column - 2] as number) + 1);
      current[column] = best;
    }
  }
  return (table[rows - 1] as number[])[columns - 1] as number;
}

/**
 * The known name nearest to `name`, only when it is close enough to be a typo (at most a third of
 * the name's letters, 1 to 3 edits; case does not count): `aws_kinesis_stream` suggests
 * `aws_kinesis_streams`, `compression` suggests nothing rather than `region`. The one "did you
 * mean" of Sluice: config names, component types and the CLI's commands.
 */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name) continue;
    const edits = editDistance(lower, candidate.toLowerCase());
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const nearest = suggest(name, known);
  return nearest === undefined ? '' : `; did you mean "${nearest}"?`;
}
