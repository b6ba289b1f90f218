/**
 * CRC-32C (Castagnoli) in JavaScript, with the signature of `@node-rs/crc32`'s `crc32c`: the single
 * executable cannot load that native addon, so the bundle aliases it to this. Slicing-by-8: eight
 * bytes per step through eight 256-entry tables.
 */
const TABLES = buildTables();

function buildTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const first = tables[0] as Uint32Array;
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    first[byte] = crc >>> 0;
  }
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = first[byte] as number;
    for (let table = 1; table < 8; table += 1) {
      crc = (first[crc & 0xff] as number) ^ (crc >>> 8);
      (tables[table] as Uint32Array)[byte] = crc >>> 0;
    }
  }
  return tables;
}

/** The CRC-32C of `input`, continuing from `initialState` (the CRC of the bytes before it). */
export function crc32c(input: string | Uint8Array, initialState?: number | null): number {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = ~(initialState ?? 0) >>> 0;
  let index = 0;
  const end8 = bytes.length - (bytes.length % 8);
  while (index < end8) {
    const low =
      (crc ^
        ((bytes[index] as number) |
          ((bytes[index + 1] as number) << 8) |
          ((bytes[index + 2] as number) << 16) |
          ((bytes[index + 3] as number) << 24))) >>>
      0;
    crc =
      (t7[low & 0xff] as number) ^
      (t6[(low >>> 8) & 0xff] as number) ^
      (t5[(low >>> 16) & 0xff] as number) ^
      (t4[low >>> 24] as number) ^
      (t3[bytes[index + 4] as number] as number) ^
      (t2[bytes[index + 5] as number] as number) ^
      (t1[bytes[index + 6] as number] as number) ^
      (t0[bytes[index + 7] as number] as number);
    index += 8;
  }
  while (index < bytes.length) {
    crc = (t0[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
    index += 1;
  }
  return ~crc >>> 0;
}
