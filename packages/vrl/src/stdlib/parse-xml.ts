import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { type ObjectValue, ownField, setOwnField, type Value } from '../value/value.js';
import { parseXmlDocument, type XmlElement, XmlError, type XmlNode } from './parsers/xml.js';
import { parseRustFloat, parseRustInteger } from './rust.js';

interface XmlOptions {
  includeAttributes: boolean;
  attributePrefix: string;
  textKey: string;
  alwaysUseTextKey: boolean;
  parseBool: boolean;
  parseNull: boolean;
  parseNumber: boolean;
}

/** A comment or processing instruction as an element's only child: VRL panics (`unreachable!`). */
class UnsupportedNode extends Error {}

const isWhitespace = (code: number): boolean =>
  (code >= 0x09 && code <= 0x0d) ||
  code === 0x20 ||
  code === 0x85 ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000;

/** VRL's `trim_xml`: `>\s+?<` (Unicode whitespace) replaced by `><`. */
export function trimXml(text: string): string {
  let result = '';
  let copied = 0;
  let index = text.indexOf('>');
  while (index >= 0) {
    let end = index + 1;
    while (end < text.length && isWhitespace(text.charCodeAt(end))) end++;
    if (end > index + 1 && text[end] === '<') {
      result += text.slice(copied, index + 1);
      copied = end;
    }
    index = text.indexOf('>', Math.max(end, index + 1));
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** VRL's `process_text`: null, booleans and numbers read when asked, else the text. */
function textValue(text: string, options: XmlOptions): Value {
  if ((text === '' || text === 'null') && options.parseNull) return null;
  if (text === 'true' && options.parseBool) return true;
  if (text === 'false' && options.parseBool) return false;
  if (!options.parseNumber) return text;
  const integer = parseRustInteger(text);
  if ('value' in integer) return integer.value;
  const float = parseRustFloat(text);
  if ('value' in float) return floatValue(Number.isNaN(float.value) ? 0 : float.value);
  return text;
}

/** VRL's `recurse`: attributes, then element and text children, repeated keys gathered in arrays. */
function expand(node: XmlElement, options: XmlOptions, values: Map<XmlNode, Value>): ObjectValue {
  const object: ObjectValue = {};
  if (options.includeAttributes) {
    for (const [name, value] of node.attributes)
      setOwnField(object, `${options.attributePrefix}${name}`, value);
  }
  for (const child of node.children) {
    if (child.type !== 'element' && child.type !== 'text') continue;
    const key = child.type === 'element' ? child.name : options.textKey;
    const value = nodeValue(child, options, values);
    const existing = ownField(object, key);
    if (existing === undefined) setOwnField(object, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setOwnField(object, key, [existing, value]);
  }
  return object;
}

/** VRL's `process_node` of a text, or of an element whose children are already processed. */
function nodeValue(node: XmlNode, options: XmlOptions, values: Map<XmlNode, Value>): Value {
  if (node.type === 'text') return textValue(node.text, options);
  if (node.type !== 'element') throw new UnsupportedNode();
  return values.get(node) as Value;
}

function elementValue(node: XmlElement, options: XmlOptions, values: Map<XmlNode, Value>): Value {
  if (node.attributes.length > 0 && options.includeAttributes) return expand(node, options, values);
  if (options.alwaysUseTextKey && node.attributes.length === 0) return expand(node, options, values);
  if (node.children.length !== 1) return expand(node, options, values);
  const child = node.children[0] as XmlNode;
  if (child.type === 'element') {
    const object: ObjectValue = {};
    setOwnField(object, child.name, nodeValue(child, options, values));
    return object;
  }
  return nodeValue(child, options, values);
}

/** The document as VRL's `process_node` of its root gives it, elements processed children first (no recursion). */
function documentValue(nodes: XmlNode[], options: XmlOptions): ObjectValue {
  const root: XmlElement = { type: 'element', name: '', attributes: [], children: nodes };
  const values = new Map<XmlNode, Value>();
  const stack: [XmlElement, number][] = [[root, 0]];
  for (;;) {
    const frame = stack[stack.length - 1] as [XmlElement, number];
    const [element, next] = frame;
    if (next < element.children.length) {
      frame[1] = next + 1;
      const child = element.children[next] as XmlNode;
      if (child.type === 'element') stack.push([child, 0]);
      continue;
    }
    stack.pop();
    if (stack.length === 0) return expand(root, options, values);
    values.set(element, elementValue(element, options, values));
  }
}

/**
 * `parse_xml(value, trim: true, include_attr: true, attr_prefix: "@", text_key: "text",
 * always_use_text_key: false, parse_bool: true, parse_null: true, parse_number: true)`: an XML
 * document (roxmltree's reading, see parsers/xml.ts) as an object keyed by its root element.
 */
export const parseXml = defineFunction({
  name: 'parse_xml',
  parameters: [
    required('value', kind.BYTES),
    optional('trim', kind.BOOLEAN, true),
    optional('include_attr', kind.BOOLEAN, true),
    optional('attr_prefix', kind.BYTES, '@'),
    optional('text_key', kind.BYTES, 'text'),
    optional('always_use_text_key', kind.BOOLEAN, false),
    optional('parse_bool', kind.BOOLEAN, true),
    optional('parse_null', kind.BOOLEAN, true),
    optional('parse_number', kind.BOOLEAN, true),
  ],
  returns: TypeDef.bytes()
    .orObject(Collection.fromUnknown(Kind.object(Collection.any())))
    .fallible(),
  freshResult: true,
  call: ([
    value,
    trim,
    includeAttributes,
    attributePrefix,
    textKey,
    alwaysUseTextKey,
    parseBool,
    parseNull,
    parseNumber,
  ]) => {
    const options: XmlOptions = {
      includeAttributes: includeAttributes as boolean,
      attributePrefix: attributePrefix as string,
      textKey: textKey as string,
      alwaysUseTextKey: alwaysUseTextKey as boolean,
      parseBool: parseBool as boolean,
      parseNull: parseNull as boolean,
      parseNumber: parseNumber as boolean,
    };
    const text = trim ? trimXml(value as string) : (value as string);
    let nodes: XmlNode[];
    try {
      nodes = parseXmlDocument(text);
    } catch (error) {
      if (error instanceof XmlError) return fail(`unable to parse xml: ${error.message}`);
      throw error;
    }
    try {
      return documentValue(nodes, options);
    } catch (error) {
      if (error instanceof UnsupportedNode)
        return fail(
          'unable to parse xml: an element whose only child is a comment or a processing instruction is not supported',
        );
      throw error;
    }
  },
});
