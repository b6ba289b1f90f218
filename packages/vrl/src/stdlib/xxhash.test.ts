import { describe, expect, it } from 'vitest';
import { evaluate, runtimeError } from '../test-helpers/evaluate.js';
import { xxh3_64, xxh3_128, xxh32, xxh64 } from './xxhash-algorithms.js';

function bytes(length: number, byte: (index: number) => number): Buffer {
  return Buffer.from(Array.from({ length }, (_, index) => byte(index)));
}

describe('xxhash', () => {
  it('matches the reference implementation (python-xxhash) at every length class', () => {
    // [input, XXH32, XXH64, XXH3-64, XXH3-128]: lengths 0, 1–3, 4–8, 9–16, 17–128, 129–240 and long.
    const vectors: [Buffer, number, bigint, bigint, bigint][] = [
      [
        Buffer.alloc(0),
        46947589,
        17241709254077376921n,
        3244421341483603138n,
        204254712233039002205064565430793619839n,
      ],
      [
        Buffer.from('a'),
        1426945110,
        15154266338359012955n,
        16629034431890738719n,
        225219434562328483135862406050043285023n,
      ],
      [
        Buffer.from('abc'),
        852579327,
        4952883123889572249n,
        8696274497037089104n,
        8891052093862885505146213044715469136n,
      ],
      [
        Buffer.from('abcd'),
        2741253893,
        15997673941747208908n,
        7248448420886124688n,
        187978674736816916650311503294403523901n,
      ],
      [
        Buffer.from('hello world!'),
        1171971541,
        11221175996223801097n,
        16237119410568907544n,
        207574554574132807980215446104238895693n,
      ],
      [
        Buffer.from('0123456789abcdef'),
        3267648361,
        6655072042875317515n,
        7224786756799439149n,
        272130885091184168683615200979841865976n,
      ],
      [
        Buffer.from('x'.repeat(17)),
        1212095327,
        2456097153902355950n,
        9914496920434203153n,
        210735406288834385834010895678507089289n,
      ],
      [
        Buffer.from('The quick brown fox jumps over the lazy dog'),
        3898516702,
        802816344064684476n,
        14879076941462221669n,
        294872163752933124907483712859046311505n,
      ],
      [
        bytes(100, (i) => i),
        2139732548,
        7692681977284421015n,
        22042537110060316n,
        290550204630428521271595155003564539934n,
      ],
      [
        bytes(200, (i) => i),
        3231905692,
        5826550132901840796n,
        17594024861627254531n,
        269851885998063220703434104245590809077n,
      ],
      [
        bytes(241, (i) => i % 251),
        1536844261,
        10188337679782381793n,
        209643423615708418n,
        39387696744674364925868251384691584258n,
      ],
      [
        bytes(1024, (i) => i % 253),
        1259599567,
        18099635363886825826n,
        1526803781348065564n,
        25134648447702312989903649056908476700n,
      ],
      [
        bytes(3000, (i) => (i * 7) % 256),
        3255668894,
        10514826383526355864n,
        7019065733197450447n,
        163105185782653259673162302049312427215n,
      ],
    ];
    for (const [input, h32, h64, h3, h128] of vectors) {
      expect([input.length, xxh32(input), xxh64(input), xxh3_64(input), xxh3_128(input)]).toEqual([
        input.length,
        h32,
        h64,
        h3,
        h128,
      ]);
    }
  });

  it('gives signed integers for the 64-bit variants and a string for XXH3-128', () => {
    expect(evaluate('xxhash("", "XXH64")')).toBe(-1205034819632174695n);
    expect(evaluate('xxhash("", "xxh3-128")')).toBe('204254712233039002205064565430793619839');
    expect(runtimeError('xxhash!("", "XXH1")')).toContain(
      "Variant must be either 'XXH32', 'XXH64', 'XXH3-64', or 'XXH3-128'",
    );
  });
});
