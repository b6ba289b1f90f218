/// <reference path="../punycode.d.ts" />

import punycode from 'punycode/punycode.js';
import { type ObjectValue, setOwnField, type Value } from '../../value/value.js';

/**
 * URLs as Rust's `url` crate reads them, through Node's WHATWG `URL` (the standard both follow),
 * with the crate's view of absent parts (no host, no fragment) and its error texts.
 */

const DEFAULT_PORTS: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443, ftp: 21 };
const SPECIAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

export interface ParsedUrl {
  scheme: string;
  username: string;
  password: string;
  path: string;
  /** null when the URL has no host (or an empty one). */
  host: string | null;
  /** The port written in the URL, null when absent or the scheme's default. */
  port: number | null;
  defaultPort: number | null;
  /** null without `#`; `""` for a bare `#`. */
  fragment: string | null;
  query: string;
}

/** Parses an absolute URL; throws {@link UrlError} with the `url` crate's message. */
export function parseUrl(text: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(fileDriveLetterQuirk(text));
  } catch {
    throw new UrlError(failureReason(text));
  }
  const scheme = url.protocol.slice(0, -1);
  if (SPECIAL.has(scheme) && !url.hostname.split('.').every(validAceLabel))
    throw new UrlError('invalid international domain name');
  const hash = url.href.indexOf('#');
  return {
    scheme,
    username: url.username,
    password: url.password,
    path: url.pathname,
    host: url.hostname === '' ? null : url.hostname,
    port: url.port === '' ? null : Number(url.port),
    defaultPort: DEFAULT_PORTS[scheme] ?? null,
    fragment: hash < 0 ? null : url.href.slice(hash + 1),
    query: url.search.slice(1),
  };
}

export class UrlError extends Error {}

/**
 * Whether a host label is valid IDNA, as far as its `xn--` form goes: it decodes, encodes back to
 * itself, and holds a non-ASCII character and no control, format or unassigned one (`xn--a` is
 * U+0080). Node 20 refuses such labels itself; Node 24+ passes them through, the `url` crate refuses.
 */
function validAceLabel(label: string): boolean {
  if (!label.toLowerCase().startsWith('xn--')) return true;
  const encoded = label.slice(4).toLowerCase();
  let decoded: string;
  try {
    decoded = punycode.decode(encoded);
  } catch {
    return false;
  }
  return punycode.encode(decoded) === encoded && /\P{ASCII}/u.test(decoded) && !/\p{C}/u.test(decoded);
}

/**
 * The crate (2.5) ends a file URL's first path segment after a drive letter (`file:///c:x` has
 * the path `/c:/x`), which the WHATWG standard and Node do not: the slash is added before Node reads.
 */
function fileDriveLetterQuirk(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the url crate trims leading C0 controls and spaces before the scheme
  if (!/^[\x00-\x20]*file:/i.test(text)) return text;
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  const cleaned = text.slice(start, end).replace(/[\t\n\r]/g, '');
  let index = 5;
  if (/^[/\\]{2}/.test(cleaned.slice(index, index + 2))) {
    index += 2;
    while (index < cleaned.length && !'/\\?#'.includes(cleaned[index] as string)) index++;
  }
  if (cleaned[index] === '/' || cleaned[index] === '\\') index++;
  return /^[A-Za-z]:[^/\\?#]/.test(cleaned.slice(index, index + 3))
    ? `${cleaned.slice(0, index + 2)}/${cleaned.slice(index + 2)}`
    : text;
}

/** The `url` crate's `ParseError` for a text Node refused, judged from its parts. */
function failureReason(text: string): string {
  // The URL parser trims leading and trailing C0 controls and spaces, and drops tabs and newlines.
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  const cleaned = text.slice(start, end).replace(/[\t\n\r]/g, '');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  if (scheme === null) return 'relative URL without a base';
  const rest = cleaned.slice(scheme[0].length);
  if ((scheme[1] as string).toLowerCase() === 'file') {
    // A file URL's host has no user or port: everything up to the path is the host.
    const host = /^[/\\]{2}([^/\\?#]*)/.exec(rest)?.[1] ?? '';
    return (host === '' ? undefined : hostProblem(host, 'file', true)) ?? 'invalid international domain name';
  }
  const special = SPECIAL.has((scheme[1] as string).toLowerCase());
  const authority = special ? /^[/\\]*([^/\\?#]*)/.exec(rest) : /^\/\/([^/?#]*)/.exec(rest);
  if (authority === null) return 'relative URL without a base';
  const hostAndPort = (authority[1] as string).slice((authority[1] as string).lastIndexOf('@') + 1);
  // The crate reads the host before the port: a bad host is reported first.
  const close = hostAndPort.startsWith('[') ? hostAndPort.indexOf(']') : -1;
  if (hostAndPort.startsWith('[') && close < 0) return 'invalid IPv6 address';
  const colon = hostAndPort.indexOf(':', Math.max(close, 0));
  const host = colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
  const problem = hostProblem(host, scheme[1] as string, special);
  if (problem !== undefined) return problem;
  const port = colon < 0 ? '' : hostAndPort.slice(colon + 1);
  if (!/^\d*$/.test(port) || (port !== '' && Number(port) > 65535)) return 'invalid port number';
  return 'invalid international domain name';
}

/** Why the URL parser refuses a host, or undefined when it reads it. */
function hostProblem(host: string, scheme: string, special: boolean): string | undefined {
  if (host === '') return 'empty host';
  if (special && !host.split('.').every(validAceLabel)) return 'invalid international domain name';
  if (URL.canParse(`${scheme}://${host}/`)) return undefined;
  if (host.startsWith('[')) return 'invalid IPv6 address';
  let decoded = host;
  try {
    decoded = decodeURIComponent(host);
  } catch {
    return 'invalid domain character';
  }
  if (hasForbiddenHostCharacter(decoded)) return 'invalid domain character';
  if (special && endsInNumber(decoded)) return 'invalid IPv4 address';
  return 'invalid international domain name';
}

/** Whether the host's last label (before one trailing dot) is a number: the URL parser reads it as IPv4. */
function endsInNumber(host: string): boolean {
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  const last = (labels[labels.length - 1] as string).toLowerCase();
  if (last.startsWith('0x'))
    return [...last.slice(2)].every((character) => '0123456789abcdef'.includes(character));
  return last !== '' && [...last].every((character) => character >= '0' && character <= '9');
}

/** A character the URL standard forbids in a host: controls, space, `#%/:<>?@[\]^|`, DEL. */
function hasForbiddenHostCharacter(host: string): boolean {
  for (let index = 0; index < host.length; index++) {
    const code = host.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f || '#%/:<>?@[\\]^|'.includes(host[index] as string)) return true;
  }
  return false;
}

/** `application/x-www-form-urlencoded` pairs (`form_urlencoded::parse`): `+` is a space, escapes decoded. */
export function queryPairs(query: string): [string, string][] {
  return [...new URLSearchParams(query.startsWith('?') ? `?${query}` : query)];
}

/** The pairs as an object, a later value of a key replacing an earlier one. */
export function lastValues(pairs: [string, string][]): ObjectValue {
  const object: ObjectValue = {};
  for (const [key, value] of pairs) setOwnField(object, key, value as Value);
  return object;
}
