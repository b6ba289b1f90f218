import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { textToBytes } from './raw-bytes.js';

/** The ASCII characters each set encodes (besides non-ASCII bytes, always encoded), as the `percent-encoding` crate and the URL standard define them. */
const CONTROLS = (byte: number): boolean => byte < 0x20 || byte === 0x7f;
const FRAGMENT = ' "<>`';
const QUERY = ' "#<>';
const SPECIAL = `${QUERY}'`;
const PATH = `${QUERY}?\`{}`;
const USERINFO = `${PATH}/:;=@[\\]^|`;
const COMPONENT = `${USERINFO}$%&+,`;
const WWW_FORM_URLENCODED = `${COMPONENT}!'()~`;

function controlsAnd(characters: string): (byte: number) => boolean {
  const set = new Set([...characters].map((character) => character.charCodeAt(0)));
  return (byte) => CONTROLS(byte) || set.has(byte);
}

const ASCII_SETS: Record<string, (byte: number) => boolean> = {
  NON_ALPHANUMERIC: (byte) =>
    !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)),
  CONTROLS,
  FRAGMENT: controlsAnd(FRAGMENT),
  QUERY: controlsAnd(QUERY),
  SPECIAL: controlsAnd(SPECIAL),
  PATH: controlsAnd(PATH),
  USERINFO: controlsAnd(USERINFO),
  COMPONENT: controlsAnd(COMPONENT),
  WWW_FORM_URLENCODED: controlsAnd(WWW_FORM_URLENCODED),
};

/** `encode_percent(value, ascii_set: "NON_ALPHANUMERIC")`: the string percent-encoded (`%XX`, uppercase). */
export const encodePercent = defineFunction({
  name: 'encode_percent',
  parameters: [required('value', kind.BYTES), optional('ascii_set', kind.BYTES)],
  compile(call) {
    const name =
      (call.enumValue('ascii_set', Object.keys(ASCII_SETS)) as string | undefined) ?? 'NON_ALPHANUMERIC';
    const encodes = ASCII_SETS[name] as (byte: number) => boolean;
    const value = call.required('value').evaluate;
    return {
      run(context) {
        let output = '';
        for (const byte of textToBytes(expectString(value(context)))) {
          output +=
            byte >= 0x80 || encodes(byte)
              ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
              : String.fromCharCode(byte);
        }
        return output;
      },
      typeDef: TypeDef.bytes(),
    };
  },
});
