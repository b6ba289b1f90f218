import { describe, expect, it } from 'vitest';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('behaves like a Map and leaves earlier versions untouched', () => {
    let map = PersistentMap.empty<string, number>();
    const versions: PersistentMap<string, number>[] = [];
    for (let index = 0; index < 5000; index++) {
      map = map.set(`key ${index}`, index);
      if (index % 1000 === 0) versions.push(map);
    }
    expect(map.size).toBe(5000);
    expect(map.get('key 4321')).toBe(4321);
    expect(versions[1]?.size).toBe(1001);
    expect(versions[1]?.get('key 4321')).toBeUndefined();
    const removed = map.delete('key 10').delete('absent').set('key 11', -1);
    expect([removed.size, removed.get('key 10'), removed.get('key 11'), map.get('key 10')]).toEqual([
      4999,
      undefined,
      -1,
      10,
    ]);
    expect(new Set(removed.keys()).size).toBe(4999);
    expect(
      [
        ...PersistentMap.from([
          [1, 'a'],
          [2, 'b'],
          [1, 'c'],
        ]).entries(),
      ].sort(),
    ).toEqual([
      [1, 'c'],
      [2, 'b'],
    ]);
  });

  it('keeps keys whose hashes collide', () => {
    // "Aa" and "BB" collide in many string hashes; numbers spread over every level of the trie.
    let map = PersistentMap.empty<string | number, string>();
    for (const key of ['Aa', 'BB', 'AaAa', 'BBBB', 'AaBB', 'BBAa']) map = map.set(key, key);
    for (let index = 0; index < 2000; index++) map = map.set(index * 7919, String(index));
    expect(map.get('BBAa')).toBe('BBAa');
    expect(map.get(1999 * 7919)).toBe('1999');
    expect(map.delete('Aa').get('BB')).toBe('BB');
  });
});
