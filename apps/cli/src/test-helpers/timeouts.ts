/**
 * The time a test may take when it imports every component package (the AWS SDK, VRL, …), as
 * `list`, `generate` and the reference pages do: real work, slow on a loaded 2-core machine.
 */
export const LOADS_EVERY_COMPONENT_MS = 90_000;
