/** A URI's credentials, as Vector's `UriSerde` takes them out of it. */
export interface UriCredentials {
  readonly user: string;
  readonly password: string;
}

/**
 * A URI without its userinfo, and the userinfo as basic-auth credentials (percent-decoded), as
 * Vector's `UriSerde` splits them: `https://user:pass@host/` sends `Authorization: Basic …` to
 * `https://host/`. Undefined credentials when the URI has none.
 */
export function splitCredentials(uri: string): { url: URL; credentials?: UriCredentials } {
  const url = new URL(uri);
  if (url.username === '' && url.password === '') return { url };
  const credentials = {
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  url.username = '';
  url.password = '';
  return { url, credentials };
}

/**
 * A URI fit to log: userinfo and every query value replaced by `***` (tokens and keys often ride
 * in either). Unparsable text is redacted whole.
 */
export function redactUri(uri: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(uri));
  } catch {
    return '***';
  }
  if (url.username !== '' || url.password !== '') {
    url.username = '***';
    url.password = '';
  }
  const names = [...url.searchParams.keys()];
  if (names.length === 0) return url.href;
  url.search = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  return url.href;
}
