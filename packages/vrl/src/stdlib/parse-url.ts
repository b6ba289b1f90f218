import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { lastValues, queryPairs, parseUrl as readUrl, UrlError } from './parsers/url.js';

/** `parse_url(value, default_known_ports: false)`: a URL's scheme, credentials, host, port, path, query and fragment. */
export const parseUrl = defineFunction({
  name: 'parse_url',
  parameters: [required('value', kind.BYTES), optional('default_known_ports', kind.BOOLEAN, false)],
  returns: TypeDef.object(
    Collection.known([
      ['scheme', Kind.bytes()],
      ['username', Kind.bytes()],
      ['password', Kind.bytes()],
      ['path', Kind.bytes().orNull()],
      ['host', Kind.bytes()],
      ['port', Kind.integer().orNull()],
      ['fragment', Kind.bytes().orNull()],
      ['query', Kind.object(Collection.fromUnknown(Kind.bytes()))],
    ]),
  ).fallible(),
  freshResult: true,
  call: ([value, defaultKnownPorts]) => {
    let url: ReturnType<typeof readUrl>;
    try {
      url = readUrl(value as string);
    } catch (error) {
      if (error instanceof UrlError) return fail(`unable to parse url: ${error.message}`);
      throw error;
    }
    return {
      fragment: url.fragment,
      host: url.host,
      password: url.password,
      path: url.path,
      port: defaultKnownPorts === true ? (url.port ?? url.defaultPort) : url.port,
      query: lastValues(queryPairs(url.query)),
      scheme: url.scheme,
      username: url.username,
    };
  },
});
