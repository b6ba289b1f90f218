import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/outcome.js';
import { floatValue } from '../value/markers.js';
import { trimXml } from './parse-xml.js';
import { parseXmlDocument } from './parsers/xml.js';

// VRL's own tests (src/stdlib/parse_xml.rs) the JSON fixture cannot hold, and roxmltree's
// behaviour and error texts, each checked against VRL's parse_xml.
describe('parse_xml', () => {
  it('reads declarations, comments and whitespace between elements', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- Example found somewhere in the deep depths of the web -->
<note>
    <to>Tove</to>
    <!-- Randomly inserted inner comment -->
    <from>Jani</from>
    <heading>Reminder</heading>
    <body>Don't forget me this weekend!</body>
</note>

<!-- Could literally be placed anywhere -->
`;
    expect(evaluate('parse_xml!(.xml)', { xml })).toEqual({
      value: {
        note: { to: 'Tove', from: 'Jani', heading: 'Reminder', body: "Don't forget me this weekend!" },
      },
    });
  });

  const mixed = `<?xml version="1.0" encoding="ISO-8859-1"?>
<data>
    <item>true</item>
    <item>false</item>
    <item>string!</item>
    <item />
    <item>null</item>
    <item>1</item>
    <item>1.0</item>
</data>
`;

  it('reads booleans, null and numbers', () => {
    expect(evaluate('parse_xml!(.xml)', { xml: mixed })).toEqual({
      value: { data: { item: [true, false, 'string!', {}, null, 1, floatValue(1)] } },
    });
    expect(
      evaluate('parse_xml!(.xml, parse_null: false, parse_bool: false, parse_number: false)', { xml: mixed }),
    ).toEqual({
      value: { data: { item: ['true', 'false', 'string!', {}, 'null', '1', '1.0'] } },
    });
  });

  it('flattens single children and gathers repeated ones', () => {
    const xml = `<MY_XML>
  <property1><a>a</a><b>b</b></property1>
  <property2>
    <object><a>a</a></object>
    <object><a>b</a></object>
  </property2>
</MY_XML>`;
    expect(evaluate('parse_xml!(.xml)', { xml })).toEqual({
      value: { MY_XML: { property1: { a: 'a', b: 'b' }, property2: { object: [{ a: 'a' }, { a: 'b' }] } } },
    });
    expect(
      evaluate('parse_xml!(s\'<a x="1">t</a>\', include_attr: false, always_use_text_key: true)'),
    ).toEqual({
      value: { a: 't' },
    });
    expect(evaluate('parse_xml!(s\'<a x="1">t</a>\', attr_prefix: "", text_key: "x")')).toEqual({
      value: { a: { x: ['1', 't'] } },
    });
  });

  it('reads numbers as Rust does, NaN as 0', () => {
    const read = (text: string) => evaluate('parse_xml!(.xml).a', { xml: `<a>${text}</a>` });
    expect(read('1e5')).toEqual({ value: floatValue(100000) });
    expect(read('NaN')).toEqual({ value: floatValue(0) });
    expect(read('-0')).toEqual({ value: 0 });
    expect(read(' 1')).toEqual({ value: ' 1' });
    expect(read('<![CDATA[]]>')).toEqual({ value: null });
  });

  it('replaces references, merges texts and CDATA, normalizes line ends', () => {
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a>&amp;&lt;&#65;&#x42;</a>' })).toEqual({ value: '&<AB' });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a><![CDATA[x]]>y<![CDATA[z]]></a>' })).toEqual({
      value: 'xyz',
    });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a>\r\nx\ry\r</a>' })).toEqual({ value: '\nx\ny\n' });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a>&#xD;&#10;</a>' })).toEqual({ value: '\r\n' });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a b="x\ty\r\nz"/>' })).toEqual({
      value: { '@b': 'x y z' },
    });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a>x<!--c-->y</a>' })).toEqual({
      value: { text: ['x', 'y'] },
    });
    expect(evaluate('parse_xml!(.xml).a', { xml: '<a xml:lang="en" lang="fr"/>' })).toEqual({
      value: { '@lang': 'fr' },
    });
  });

  it.each([
    ['true', 'unknown token at 1:1'],
    ['', 'the document does not have a root node'],
    ['<a>', 'the root node was opened but never closed'],
    ['<a ', 'unexpected end of stream'],
    ['<a/><b/>', 'unknown token at 1:5'],
    ['<a></b>', "expected 'a' tag, not 'b' at 1:4"],
    ['<a b="1"c="2"/>', "expected a whitespace not 'c' at 1:9"],
    ['<a b=1/>', "expected a quote not '1' at 1:6"],
    ['<é b=é/>', "expected a quote not 'Ã' at 1:6"],
    ['<a b="<"/>', `expected '"' not '<' at 1:7`],
    ['<a b="&foo;"/>', "unknown entity reference 'foo' at 1:7"],
    ['<a b="&#0;"/>', 'malformed entity reference at 1:7'],
    ['<a>& x</a>', 'malformed entity reference at 1:4'],
    ['<!--a---><a/>', "comment at 1:1 contains '--'"],
    ['<?xml version="1.0"?><?xml version="1.0"?><a/>', 'unexpected XML declaration at 1:22'],
    ['<?xml encoding="x"?><a/>', "expected 'version' at 1:7"],
    ['<!DOCTYPE a><a/>', 'XML with DTD detected'],
    ['<a>]]></a>', "']]>' at 1:7 is not allowed inside a character data"],
    ['<a>\u0001</a>', "a non-XML character '\\u{1}' found at 1:4"],
    ['<x:a/>', "an unknown namespace prefix 'x' at 1:2"],
    ['<xmlns:a/>', "the 'xmlns' prefix is used at 1:2, but it must not be"],
    ['<a xmlns:x="u" xmlns:y="u" x:b="1" y:b="2"/>', "attribute 'b' at 1:36 is already defined"],
    ['<a xmlns:x="u" xmlns:x="v"/>', "namespace 'x' at 1:16 is already defined"],
    ['<a xmlns:xml="u"/>', "'xml' namespace prefix mapped to wrong URI at 1:4"],
    [
      '<a xmlns="http://www.w3.org/2000/xmlns/"/>',
      "the 'xmlns' URI is used at 1:4, but it must not be declared",
    ],
    ['<a:b:c/>', 'invalid name token at 1:2'],
    ['<a>\u{1F600}</a><b', 'unknown token at 1:9'],
  ])('refuses %j', (xml, message) => {
    expect(callError('parse_xml!(.xml)', { xml })).toBe(`unable to parse xml: ${message}`);
  });

  it('refuses an element whose only child is a comment (VRL panics)', () => {
    expect(callError('parse_xml!(.xml)', { xml: '<a><!--c--></a>' })).toBe(
      'unable to parse xml: an element whose only child is a comment or a processing instruction is not supported',
    );
  });

  it('trims whitespace between tags as VRL does, and keeps it when asked not to', () => {
    expect(trimXml('<a>\n  <b> x </b>\u00a0<c/>\u0085<d/>>x <e/>')).toBe('<a><b> x </b><c/><d/>>x <e/>');
    expect(evaluate("parse_xml!(s'<root>  <a>test</a>  </root>', trim: false)")).toEqual({
      value: { root: { a: 'test', text: ['  ', '  '] } },
    });
  });

  it('reads deep documents without recursion', () => {
    const depth = 50_000;
    const nodes = parseXmlDocument(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);
    expect(nodes).toHaveLength(1);
  });
});
