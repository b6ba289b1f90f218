// Micro-benchmark behind the value markers' design (see src/value/markers.ts): the cost of
// `instanceof FloatValue` on a mixed stream of field values, for the shared class (the design)
// and for a `Symbol.hasInstance` brand check (the alternative). Same-run ratios; run with
// `node packages/vrl/bench/markers.mjs` after `pnpm build`.
import { FloatValue } from '../dist/index.js';

const BRAND = Symbol.for('sluice.bench.FloatValue');
class Branded {
  constructor(value) {
    this.value = value;
  }
  static [Symbol.hasInstance](candidate) {
    return typeof candidate === 'object' && candidate !== null && candidate[BRAND] === true;
  }
}
Object.defineProperty(Branded.prototype, BRAND, { value: true });

function values(Marker) {
  return Array.from(
    { length: 1000 },
    (_, index) => [`text ${index}`, index, new Marker(2), { nested: index }, null, new Date(0)][index % 6],
  );
}

function counter(Marker) {
  return new Function(
    'Marker',
    'return (list) => { let count = 0; for (let i = 0; i < list.length; i++) if (list[i] instanceof Marker) count++; return count; }',
  )(Marker);
}

function measure(label, Marker) {
  const list = values(Marker);
  const count = counter(Marker);
  for (let round = 0; round < 2000; round++) count(list);
  const rounds = 20_000;
  const start = process.hrtime.bigint();
  let total = 0;
  for (let round = 0; round < rounds; round++) total += count(list);
  const nanoseconds = Number(process.hrtime.bigint() - start) / (rounds * list.length);
  if (total !== rounds * Math.ceil(list.length / 6)) throw new Error('miscounted');
  return { label, nanoseconds };
}

const shared = measure('shared class (native instanceof)', FloatValue);
const branded = measure('Symbol.hasInstance brand check', Branded);
for (const { label, nanoseconds } of [shared, branded])
  console.log(`${label}: ${nanoseconds.toFixed(2)} ns per check`);
console.log(`brand check / shared class: ${(branded.nanoseconds / shared.nanoseconds).toFixed(1)}x`);
