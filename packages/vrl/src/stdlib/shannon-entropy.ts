import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { lossyText, textToBytes } from './raw-bytes.js';
import { floatOrZero } from './rounding.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function entropy(counts: Iterable<number>, total: number): number {
  let result = 0;
  for (const count of counts) {
    const probability = count / total;
    result -= probability * Math.log2(probability);
  }
  return result;
}

function tally<T>(items: Iterable<T>): [Map<T, number>, number] {
  const counts = new Map<T, number>();
  let total = 0;
  for (const item of items) {
    counts.set(item, (counts.get(item) ?? 0) + 1);
    total++;
  }
  return [counts, total];
}

/** `shannon_entropy(value, segmentation: "byte")`: the Shannon entropy of the bytes, code points or graphemes. */
export const shannonEntropy = defineFunction({
  name: 'shannon_entropy',
  parameters: [required('value', kind.BYTES), optional('segmentation', kind.BYTES)],
  compile(call) {
    const segmentation =
      (call.enumValue('segmentation', ['byte', 'codepoint', 'grapheme']) as string | undefined) ?? 'byte';
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const text = expectString(value(context));
        if (segmentation === 'byte') {
          const bytes = textToBytes(text);
          const counts = new Array<number>(256).fill(0);
          for (const byte of bytes) counts[byte] = (counts[byte] as number) + 1;
          return floatOrZero(
            entropy(
              counts.filter((count) => count > 0),
              bytes.length,
            ),
          );
        }
        const readable = lossyText(text);
        const [counts, total] =
          segmentation === 'codepoint'
            ? tally(readable)
            : tally(Array.from(segmenter.segment(readable), (segment) => segment.segment));
        return floatOrZero(entropy(counts.values(), total));
      },
      typeDef: TypeDef.float(),
    };
  },
});
