/**
 * XML as the `roxmltree` crate (0.21, `Document::parse` with its default options) reads it for
 * VRL's `parse_xml`: a port of its tokenizer and tree builder with their checks and error texts.
 * The default options refuse a DTD, so the only references are the five predefined entities and
 * character references. The tree keeps what `parse_xml` reads: elements (local names, attributes
 * other than namespace declarations), texts (adjacent text and CDATA merged, line ends
 * normalized), comments and processing instructions.
 */

export type XmlNode = XmlElement | { type: 'text'; text: string } | { type: 'comment' } | { type: 'pi' };

export interface XmlElement {
  type: 'element';
  /** The local name (without its prefix). */
  name: string;
  /** Local names and normalized values, in document order. */
  attributes: [string, string][];
  children: XmlNode[];
}

/** A document roxmltree refuses; the message is its `Display`. */
export class XmlError extends Error {}

const XML_PREFIX = 'xml';
const XMLNS = 'xmlns';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

function isNameStart(code: number): boolean {
  if (code <= 128)
    return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x3a || code === 0x5f;
  return (
    (code >= 0xc0 && code <= 0xd6) ||
    (code >= 0xd8 && code <= 0xf6) ||
    (code >= 0xf8 && code <= 0x2ff) ||
    (code >= 0x370 && code <= 0x37d) ||
    (code >= 0x37f && code <= 0x1fff) ||
    (code >= 0x200c && code <= 0x200d) ||
    (code >= 0x2070 && code <= 0x218f) ||
    (code >= 0x2c00 && code <= 0x2fef) ||
    (code >= 0x3001 && code <= 0xd7ff) ||
    (code >= 0xf900 && code <= 0xfdcf) ||
    (code >= 0xfdf0 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0xeffff)
  );
}

function isNameChar(code: number): boolean {
  if (code <= 128)
    return (
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x3a ||
      code === 0x5f ||
      code === 0x2d ||
      code === 0x2e
    );
  return (
    code === 0xb7 ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x203f && code <= 0x2040) ||
    (isNameStart(code) && code !== 0x3a && code !== 0x5f)
  );
}

/** XML's `Char`: no C0 controls but tab and line ends, no U+FFFE or U+FFFF. */
const isXmlChar = (code: number): boolean =>
  code < 0x20 ? isSpace(code) : code !== 0xfffe && code !== 0xffff;

const isHexDigit = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Rust's `{:?}` of a char that is not an XML character. */
function charDebug(code: number): string {
  if (code === 0) return "'\\0'";
  return `'\\u{${code.toString(16)}}'`;
}

/**
 * The crate reports the current *byte* as a char: for a character beyond ASCII, the lead byte of
 * its UTF-8 form (Latin-1 read).
 */
function byteChar(code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  if (code < 0x800) return String.fromCharCode(0xc0 | (code >> 6));
  if (code < 0x10000) return String.fromCharCode(0xe0 | (code >> 12));
  return String.fromCharCode(0xf0 | (code >> 18));
}

class Stream {
  pos: number;

  constructor(
    readonly text: string,
    start = 0,
    public end = text.length,
  ) {
    this.pos = start;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  code(at = this.pos): number {
    return this.text.codePointAt(at) as number;
  }

  startsWith(prefix: string): boolean {
    return this.pos + prefix.length <= this.end && this.text.startsWith(prefix, this.pos);
  }

  startsWithSpace(): boolean {
    return !this.atEnd() && isSpace(this.text.charCodeAt(this.pos));
  }

  skipSpaces(): void {
    while (this.startsWithSpace()) this.pos++;
  }

  /** `row:col` of a position: lines by `\n`, columns in characters. */
  position(at = this.pos): string {
    const end = Math.min(at, this.text.length);
    let row = 1;
    let lineStart = 0;
    for (let index = 0; index < end; index++) {
      if (this.text.charCodeAt(index) === 0x0a) {
        row++;
        lineStart = index + 1;
      }
    }
    let column = 1;
    for (let index = lineStart; index < end; index++) {
      const code = this.text.charCodeAt(index);
      if (code < 0xdc00 || code > 0xdfff || index === lineStart || !isHighSurrogate(this.text, index - 1))
        column++;
    }
    return `${row}:${column}`;
  }

  fail(message: string, at = this.pos): XmlError {
    return new XmlError(`${message} at ${this.position(at)}`);
  }

  endOfStream(): XmlError {
    return new XmlError('unexpected end of stream');
  }

  currentByte(): number {
    if (this.atEnd()) throw this.endOfStream();
    return this.code();
  }

  consumeByte(expected: string): void {
    const current = this.currentByte();
    if (current !== expected.charCodeAt(0))
      throw this.fail(`expected '${expected}' not '${byteChar(current)}'`);
    this.pos++;
  }

  tryConsumeByte(expected: string): boolean {
    if (!this.atEnd() && this.text[this.pos] === expected) {
      this.pos++;
      return true;
    }
    return false;
  }

  skipString(expected: string): void {
    if (!this.startsWith(expected)) throw this.fail(`expected '${expected}'`);
    this.pos += expected.length;
  }

  /** Characters while `keep` holds, each checked to be an XML character. */
  consumeChars(keep: (code: number) => boolean): string {
    const start = this.pos;
    while (!this.atEnd()) {
      const code = this.code();
      if (!isXmlChar(code)) throw this.fail(`a non-XML character ${charDebug(code)} found`);
      if (!keep(code)) break;
      this.pos += code > 0xffff ? 2 : 1;
    }
    return this.text.slice(start, this.pos);
  }

  consumeSpaces(): void {
    if (this.atEnd()) throw this.endOfStream();
    if (!this.startsWithSpace()) throw this.fail(`expected a whitespace not '${byteChar(this.code())}'`);
    this.skipSpaces();
  }

  skipName(): void {
    const start = this.pos;
    if (this.atEnd()) return;
    const first = this.code();
    if (!isNameStart(first)) throw this.fail('invalid name token', start);
    this.pos += first > 0xffff ? 2 : 1;
    while (!this.atEnd()) {
      const code = this.code();
      if (!isNameChar(code)) break;
      this.pos += code > 0xffff ? 2 : 1;
    }
  }

  consumeName(): string {
    const start = this.pos;
    this.skipName();
    if (this.pos === start) throw this.fail('invalid name token', start);
    return this.text.slice(start, this.pos);
  }

  /** A qualified name: its prefix (empty when none) and local part. */
  consumeQName(): [string, string] {
    const start = this.pos;
    let splitter = -1;
    while (!this.atEnd()) {
      const code = this.code();
      if (code === 0x3a) {
        if (splitter >= 0) throw this.fail('invalid name token', start);
        splitter = this.pos;
        this.pos++;
      } else if (isNameChar(code)) {
        this.pos += code > 0xffff ? 2 : 1;
      } else {
        break;
      }
    }
    const prefix = splitter < 0 ? '' : this.text.slice(start, splitter);
    const local = this.text.slice(splitter < 0 ? start : splitter + 1, this.pos);
    const startsName = (name: string): boolean => name !== '' && isNameStart(name.codePointAt(0) as number);
    if (prefix !== '' && !startsName(prefix)) throw this.fail('invalid name token', start);
    if (!startsName(local)) throw this.fail('invalid name token', start);
    return [prefix, local];
  }

  consumeEq(): void {
    this.skipSpaces();
    this.consumeByte('=');
    this.skipSpaces();
  }

  consumeQuote(): string {
    const current = this.currentByte();
    if (current !== 0x22 && current !== 0x27) throw this.fail(`expected a quote not '${byteChar(current)}'`);
    this.pos++;
    return String.fromCharCode(current);
  }

  /** A character or predefined entity reference after `&`, or undefined when malformed. */
  consumeReference(): { char: string } | { entity: string } | undefined {
    if (!this.tryConsumeByte('&')) return undefined;
    let reference: { char: string } | { entity: string };
    if (this.tryConsumeByte('#')) {
      const hex = this.tryConsumeByte('x');
      const start = this.pos;
      while (!this.atEnd() && (hex ? isHexDigit : isDigit)(this.text.charCodeAt(this.pos))) this.pos++;
      const digits = this.text.slice(start, this.pos);
      if (digits === '') return undefined;
      const value = Number.parseInt(digits, hex ? 16 : 10);
      if (value > 0xffffffff) return undefined;
      const code = value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) ? 0xfffd : value;
      if (!isXmlChar(code)) return undefined;
      reference = { char: String.fromCodePoint(code) };
    } else {
      let name: string;
      try {
        name = this.consumeName();
      } catch {
        return undefined;
      }
      const predefined = PREDEFINED[name];
      reference = predefined === undefined ? { entity: name } : { char: predefined };
    }
    if (!this.tryConsumeByte(';')) return undefined;
    return reference;
  }
}

const PREDEFINED: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>' };

function isHighSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff;
}

/** roxmltree's `TextBuffer`: line ends of text and attribute values normalized as XML wants. */
class TextBuffer {
  text = '';
  private endsWithReturn = false;

  pushRaw(characters: string): void {
    this.text += characters;
    this.endsWithReturn = characters.endsWith('\r');
  }

  /** Characters without a line end or tab, after anything but a carriage return. */
  pushPlain(characters: string): void {
    this.text += characters;
    this.endsWithReturn = false;
  }

  /** `\r\n` reads as one space, `\n`, `\r` and `\t` as spaces. */
  pushFromAttribute(character: string, next: string | undefined): void {
    if (character === '\r' && next === '\n') return;
    this.text += character === '\n' || character === '\r' || character === '\t' ? ' ' : character;
    this.endsWithReturn = false;
  }

  /** `\r\n` and a lone `\r` read as `\n`. */
  pushFromText(character: string, atEnd: boolean): void {
    if (this.endsWithReturn) {
      this.text = `${this.text.slice(0, -1)}\n`;
      this.endsWithReturn = false;
      if (atEnd && character === '\r') this.text += '\n';
      else if (character !== '\n') this.pushRaw(character);
    } else if (atEnd && character === '\r') {
      this.text += '\n';
    } else {
      this.pushRaw(character);
    }
  }

  get plain(): boolean {
    return !this.endsWithReturn;
  }
}

interface OpenElement {
  element: XmlElement | undefined;
  prefix: string;
  /** The element's in-scope namespaces: a range of `treeOrder`. */
  namespaces: [number, number];
  parent: OpenElement | undefined;
}

interface PendingAttribute {
  prefix: string;
  local: string;
  value: string;
  start: number;
}

/** roxmltree's `Context`: the tree under construction, namespaces, the start tag being read. */
class Builder {
  readonly root: XmlNode[] = [];
  /** Namespaces: (prefix, URI) pairs, each once; `treeOrder` lists them per element. */
  private readonly namespaceValues: { name: string | undefined; uri: string }[] = [];
  private readonly namespaceIndex = new Map<string, number>();
  private readonly treeOrder: number[] = [];
  private namespaceStart = 1;
  private attributes: PendingAttribute[] = [];
  private current: OpenElement = { element: undefined, prefix: '', namespaces: [0, 0], parent: undefined };
  private depth = 0;
  private tagName = { prefix: '', local: '', start: 0 };
  /** The text node adjacent texts and CDATA sections are merged into. */
  private openText: { node: { type: 'text'; text: string }; parts: string[] } | undefined;

  constructor(private readonly stream: Stream) {
    this.pushNamespace(XML_PREFIX, XML_URI);
  }

  private get children(): XmlNode[] {
    return this.current.element === undefined ? this.root : this.current.element.children;
  }

  private pushNamespace(name: string | undefined, uri: string): void {
    const key = `${name === undefined ? '' : `:${name}`}\u0000${uri}`;
    let index = this.namespaceIndex.get(key);
    if (index === undefined) {
      if (this.namespaceValues.length > 0xffff)
        throw new XmlError('more than 2^16 unique namespaces were parsed');
      index = this.namespaceValues.length;
      this.namespaceValues.push({ name, uri });
      this.namespaceIndex.set(key, index);
    }
    this.treeOrder.push(index);
  }

  private namespaceExists(start: number, name: string | undefined): boolean {
    for (let index = start; index < this.treeOrder.length; index++) {
      if (this.namespaceValues[this.treeOrder[index] as number]?.name === name) return true;
    }
    return false;
  }

  private resetText(): void {
    if (this.openText !== undefined && this.openText.parts.length > 1)
      this.openText.node.text = this.openText.parts.join('');
    this.openText = undefined;
  }

  private appendText(text: string): void {
    if (this.openText === undefined) {
      const node = { type: 'text' as const, text };
      this.children.push(node);
      this.openText = { node, parts: [text] };
    } else {
      this.openText.parts.push(text);
    }
  }

  processingInstruction(): void {
    this.resetText();
    this.children.push({ type: 'pi' });
  }

  comment(): void {
    this.resetText();
    this.children.push({ type: 'comment' });
  }

  elementStart(prefix: string, local: string, start: number): void {
    this.resetText();
    if (prefix === XMLNS)
      throw new XmlError(
        `the 'xmlns' prefix is used at ${this.stream.position(start + 1)}, but it must not be`,
      );
    this.tagName = { prefix, local, start };
  }

  attribute(start: number, prefix: string, local: string, valueStart: number, valueEnd: number): void {
    const value = this.normalizeAttribute(valueStart, valueEnd);
    const at = (message: string): XmlError => this.stream.fail(message, start);
    if (prefix === XMLNS) {
      if (value === XMLNS_URI)
        throw new XmlError(
          `the 'xmlns' URI is used at ${this.stream.position(start)}, but it must not be declared`,
        );
      const isXmlUri = value === XML_URI;
      if (local === XML_PREFIX) {
        if (!isXmlUri) throw at("'xml' namespace prefix mapped to wrong URI");
      } else if (isXmlUri) {
        throw at("the 'xml' namespace URI is used for not 'xml' prefix");
      }
      if (this.namespaceExists(this.namespaceStart, local))
        throw new XmlError(`namespace '${local}' at ${this.stream.position(start)} is already defined`);
      if (!isXmlUri) this.pushNamespace(local, value);
    } else if (local === XMLNS) {
      if (value === XML_URI) throw at("the 'xml' namespace URI is used for not 'xml' prefix");
      if (value === XMLNS_URI)
        throw new XmlError(
          `the 'xmlns' URI is used at ${this.stream.position(start)}, but it must not be declared`,
        );
      this.pushNamespace(undefined, value);
    } else {
      this.attributes.push({ prefix, local, value, start });
    }
  }

  /** The namespace a prefix is bound to among `namespaces`, undefined for none. */
  private namespaceOf(namespaces: [number, number], prefix: string, at: number): number | undefined {
    const name = prefix === '' ? undefined : prefix;
    for (let index = namespaces[0]; index < namespaces[1]; index++) {
      const value = this.treeOrder[index] as number;
      if (this.namespaceValues[value]?.name === name) return value;
    }
    if (prefix !== '')
      throw new XmlError(`an unknown namespace prefix '${prefix}' at ${this.stream.position(at)}`);
    return undefined;
  }

  private resolveNamespaces(): [number, number] {
    const parent = this.current.element === undefined ? undefined : this.current.namespaces;
    if (parent !== undefined) {
      if (this.namespaceStart === this.treeOrder.length) return parent;
      for (let index = parent[0]; index < parent[1]; index++) {
        const value = this.treeOrder[index] as number;
        if (!this.namespaceExists(this.namespaceStart, this.namespaceValues[value]?.name))
          this.treeOrder.push(value);
      }
    }
    return [this.namespaceStart, this.treeOrder.length];
  }

  private resolveAttributes(namespaces: [number, number]): [string, string][] {
    const resolved: { uri: string | undefined; local: string; value: string }[] = [];
    for (const attribute of this.attributes) {
      let namespace: number | undefined;
      if (attribute.prefix === XML_PREFIX) namespace = 0;
      else if (attribute.prefix !== '')
        namespace = this.namespaceOf(namespaces, attribute.prefix, attribute.start);
      const uri = namespace === undefined ? undefined : this.namespaceValues[namespace]?.uri;
      if (resolved.some((other) => other.uri === uri && other.local === attribute.local))
        throw new XmlError(
          `attribute '${attribute.local}' at ${this.stream.position(attribute.start)} is already defined`,
        );
      resolved.push({ uri, local: attribute.local, value: attribute.value });
    }
    this.attributes = [];
    return resolved.map((attribute) => [attribute.local, attribute.value]);
  }

  elementEnd(kind: 'open' | 'empty' | { prefix: string; local: string }, start: number): void {
    this.resetText();
    const namespaces = this.resolveNamespaces();
    this.namespaceStart = this.treeOrder.length;
    const attributes = this.resolveAttributes(namespaces);
    if (typeof kind === 'object') {
      const open = this.current;
      if (open.element !== undefined && (kind.prefix !== open.prefix || kind.local !== open.element.name))
        throw new XmlError(
          `expected '${qualified(open.prefix, open.element.name)}' tag, not '${qualified(kind.prefix, kind.local)}' at ${this.stream.position(start)}`,
        );
      if (open.parent === undefined) throw this.stream.fail('unexpected close tag', start);
      this.current = open.parent;
      this.depth--;
      return;
    }
    this.namespaceOf(namespaces, this.tagName.prefix, this.tagName.start + 1);
    const element: XmlElement = { type: 'element', name: this.tagName.local, attributes, children: [] };
    this.children.push(element);
    if (kind === 'open') {
      this.current = { element, prefix: this.tagName.prefix, namespaces, parent: this.current };
      this.depth++;
    }
  }

  /** A text run between markup: references replaced, line ends normalized. */
  text(start: number, end: number): void {
    const source = this.stream.text;
    let special = start;
    while (special < end && source[special] !== '&' && source[special] !== '\r') special++;
    if (special === end) {
      this.appendText(source.slice(start, end));
      return;
    }
    const buffer = new TextBuffer();
    let asIs = false;
    const stream = this.scratch(start, end);
    while (!stream.atEnd()) {
      if (source[stream.pos] === '&') {
        const referenceStart = stream.pos;
        const reference = stream.consumeReference();
        if (reference === undefined) throw stream.fail('malformed entity reference', referenceStart);
        if ('entity' in reference)
          throw stream.fail(`unknown entity reference '${reference.entity}'`, referenceStart);
        // A character from a reference is kept as it is, and so is the next one.
        buffer.pushRaw(reference.char);
        asIs = true;
        continue;
      }
      if (asIs) {
        buffer.pushRaw(source[stream.pos] as string);
        stream.pos++;
        asIs = false;
        continue;
      }
      let runEnd = stream.pos;
      while (runEnd < end && source[runEnd] !== '&' && source[runEnd] !== '\r') runEnd++;
      if (runEnd > stream.pos && buffer.plain) {
        buffer.pushPlain(source.slice(stream.pos, runEnd));
        stream.pos = runEnd;
        continue;
      }
      const unit = source[stream.pos] as string;
      stream.pos++;
      buffer.pushFromText(unit, stream.atEnd());
    }
    if (buffer.text !== '') this.appendText(buffer.text);
  }

  /** A CDATA section: as it is, but for `\r\n` and `\r` read as `\n`. */
  cdata(text: string): void {
    this.appendText(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
  }

  /** Attribute-value normalization: references replaced, tabs and line ends read as spaces. */
  private normalizeAttribute(start: number, end: number): string {
    const source = this.stream.text;
    const isSpecial = (unit: string | undefined): boolean =>
      unit === '&' || unit === '\t' || unit === '\n' || unit === '\r';
    let special = start;
    while (special < end && !isSpecial(source[special])) special++;
    if (special === end) return source.slice(start, end);
    const buffer = new TextBuffer();
    const stream = this.scratch(start, end);
    while (!stream.atEnd()) {
      const unit = source[stream.pos] as string;
      if (unit !== '&') {
        if (!isSpecial(unit)) {
          let runEnd = stream.pos + 1;
          while (runEnd < end && !isSpecial(source[runEnd])) runEnd++;
          buffer.pushPlain(source.slice(stream.pos, runEnd));
          stream.pos = runEnd;
          continue;
        }
        stream.pos++;
        buffer.pushFromAttribute(unit, stream.atEnd() ? undefined : source[stream.pos]);
        continue;
      }
      const referenceStart = stream.pos;
      const reference = stream.consumeReference();
      if (reference === undefined) throw stream.fail('malformed entity reference', referenceStart);
      if ('entity' in reference)
        throw stream.fail(`unknown entity reference '${reference.entity}'`, referenceStart);
      buffer.pushRaw(reference.char);
    }
    return buffer.text;
  }

  private scratchStream: Stream | undefined;

  /** A stream over part of the text (roxmltree's `Stream::from_substr`), reused. */
  private scratch(start: number, end: number): Stream {
    const stream = this.scratchStream ?? new Stream(this.stream.text);
    this.scratchStream = stream;
    stream.pos = start;
    stream.end = end;
    return stream;
  }

  finish(): XmlNode[] {
    this.resetText();
    if (!this.root.some((node) => node.type === 'element'))
      throw new XmlError('the document does not have a root node');
    if (this.depth > 0) throw new XmlError('the root node was opened but never closed');
    return this.root;
  }
}

function qualified(prefix: string, local: string): string {
  return prefix === '' ? local : `${prefix}:${local}`;
}

/** The tokenizer (roxmltree's fork of `xmlparser`), driving the builder as it reads. */
class Tokenizer {
  private readonly stream: Stream;
  private readonly builder: Builder;

  constructor(text: string) {
    this.stream = new Stream(text);
    this.builder = new Builder(this.stream);
  }

  // document ::= prolog element Misc*
  parse(): XmlNode[] {
    const s = this.stream;
    this.declaration();
    this.misc();
    s.skipSpaces();
    if (s.startsWith('<!DOCTYPE')) throw new XmlError('XML with DTD detected');
    s.skipSpaces();
    if (!s.atEnd() && s.text[s.pos] === '<') this.element();
    this.misc();
    if (!s.atEnd()) throw s.fail('unknown token');
    return this.builder.finish();
  }

  // Misc ::= Comment | PI | S
  private misc(): void {
    const s = this.stream;
    while (!s.atEnd()) {
      s.skipSpaces();
      if (s.startsWith('<!--')) this.comment();
      else if (s.startsWith('<?')) this.processingInstruction();
      else break;
    }
  }

  // XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>' (checked, not kept)
  private declaration(): void {
    const s = this.stream;
    if (s.startsWith('\ufeff')) s.pos++;
    if (!s.startsWith('<?xml ')) return;
    const spaces = (): void => {
      if (s.startsWithSpace()) s.skipSpaces();
      else if (!s.startsWith('?>') && !s.atEnd())
        throw s.fail(`expected a whitespace not '${byteChar(s.code())}'`);
    };
    s.pos += 5;
    spaces();
    if (!s.startsWith('version')) s.skipString('version');
    this.declarationAttribute();
    spaces();
    if (s.startsWith('encoding')) {
      this.declarationAttribute();
      spaces();
    }
    if (s.startsWith('standalone')) this.declarationAttribute();
    s.skipSpaces();
    s.skipString('?>');
  }

  private declarationAttribute(): void {
    const s = this.stream;
    s.consumeQName();
    s.consumeEq();
    const quote = s.consumeQuote().charCodeAt(0);
    s.consumeChars((code) => code !== quote && code !== 0x3c);
    s.consumeByte(String.fromCharCode(quote));
  }

  // '<!--' ((Char - '-') | ('-' (Char - '-')))* '-->'
  private comment(): void {
    const s = this.stream;
    const start = s.pos;
    s.pos += 4;
    const text = s.consumeChars((code) => !(code === 0x2d && s.startsWith('-->')));
    s.skipString('-->');
    if (text.includes('--') || text.endsWith('-'))
      throw new XmlError(`comment at ${s.position(start)} contains '--'`);
    this.builder.comment();
  }

  // PI ::= '<?' PITarget (S (Char* - (Char* '?>' Char*)))? '?>'
  private processingInstruction(): void {
    const s = this.stream;
    if (s.startsWith('<?xml ')) throw s.fail('unexpected XML declaration');
    s.pos += 2;
    s.consumeName();
    s.skipSpaces();
    s.consumeChars((code) => !(code === 0x3f && s.startsWith('?>')));
    s.skipString('?>');
    this.builder.processingInstruction();
  }

  // element ::= EmptyElemTag | STag content ETag
  // The crate recurses from an element into its content; a depth count does the same here.
  private element(): void {
    if (!this.startTag()) return;
    const s = this.stream;
    let depth = 1;
    // content ::= CharData? ((element | Reference | CDSect | PI | Comment) CharData?)*
    while (!s.atEnd()) {
      if (s.text[s.pos] !== '<') {
        this.text();
        continue;
      }
      if (s.pos + 1 >= s.end) throw s.fail('unknown token');
      const next = s.text[s.pos + 1];
      if (next === '!') {
        if (s.startsWith('<!--')) this.comment();
        else if (s.startsWith('<![CDATA[')) this.cdata();
        else throw s.fail('unknown token');
      } else if (next === '?') {
        this.processingInstruction();
      } else if (next === '/') {
        this.closeElement();
        depth--;
        if (depth === 0) return;
      } else if (this.startTag()) {
        depth++;
      }
    }
  }

  /** `<name attributes… >` or `/>`: whether the element has content to read. */
  private startTag(): boolean {
    const s = this.stream;
    const start = s.pos;
    s.pos++;
    const [prefix, local] = s.consumeQName();
    this.builder.elementStart(prefix, local, start);
    while (!s.atEnd()) {
      const hasSpace = s.startsWithSpace();
      s.skipSpaces();
      const attributeStart = s.pos;
      const current = s.currentByte();
      if (current === 0x2f) {
        s.pos++;
        s.consumeByte('>');
        this.builder.elementEnd('empty', attributeStart);
        return false;
      }
      if (current === 0x3e) {
        s.pos++;
        this.builder.elementEnd('open', attributeStart);
        return true;
      }
      // An attribute must follow a space.
      if (!hasSpace) s.consumeSpaces();
      const [attributePrefix, attributeLocal] = s.consumeQName();
      s.consumeEq();
      const quote = s.consumeQuote();
      const valueStart = s.pos;
      let valueEnd = valueStart;
      while (valueEnd < s.end && s.text[valueEnd] !== quote && s.text[valueEnd] !== '<') valueEnd++;
      if (valueEnd >= s.end) throw s.endOfStream();
      for (let index = valueStart; index < valueEnd; index++) {
        const code = s.text.codePointAt(index) as number;
        if (!isXmlChar(code)) throw s.fail(`a non-XML character ${charDebug(code)} found`, index);
        if (code > 0xffff) index++;
      }
      s.pos = valueEnd;
      s.consumeByte(quote);
      this.builder.attribute(attributeStart, attributePrefix, attributeLocal, valueStart, valueEnd);
    }
    return false;
  }

  // CDSect ::= '<![CDATA[' (Char* - (Char* ']]>' Char*)) ']]>'
  private cdata(): void {
    const s = this.stream;
    s.pos += 9;
    const text = s.consumeChars((code) => !(code === 0x5d && s.startsWith(']]>')));
    s.skipString(']]>');
    this.builder.cdata(text);
  }

  // '</' Name S? '>'
  private closeElement(): void {
    const s = this.stream;
    const start = s.pos;
    s.pos += 2;
    const [prefix, local] = s.consumeQName();
    s.skipSpaces();
    s.consumeByte('>');
    this.builder.elementEnd({ prefix, local }, start);
  }

  private text(): void {
    const s = this.stream;
    const start = s.pos;
    const text = s.consumeChars((code) => code !== 0x3c);
    // `]]>` is not allowed in character data.
    if (text.includes(']]>'))
      throw new XmlError(`']]>' at ${s.position()} is not allowed inside a character data`);
    this.builder.text(start, s.pos);
  }
}

/** The document's top-level nodes (one element among comments and processing instructions). */
export function parseXmlDocument(text: string): XmlNode[] {
  return new Tokenizer(text).parse();
}
