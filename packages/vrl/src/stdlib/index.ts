import type { VrlFunction } from '../function.js';
import { abs } from './abs.js';
import { append } from './append.js';
import { array } from './array.js';
import { assert } from './assert.js';
import { assertEq } from './assert-eq.js';
import { basename } from './basename.js';
import { bool } from './bool.js';
import { camelcase } from './camelcase.js';
import { ceil } from './ceil.js';
import { chunks } from './chunks.js';
import { communityId } from './community-id.js';
import { compact } from './compact.js';
import { contains } from './contains.js';
import { containsAll } from './contains-all.js';
import { crc } from './crc.js';
import { decodeBase16 } from './decode-base16.js';
import { decodeBase64 } from './decode-base64.js';
import { decodeCharset } from './decode-charset.js';
import { decodeGzip } from './decode-gzip.js';
import { decodeLz4 } from './decode-lz4.js';
import { decodeMimeQ } from './decode-mime-q.js';
import { decodePercent } from './decode-percent.js';
import { decodePunycode } from './decode-punycode.js';
import { decodeSnappy } from './decode-snappy.js';
import { decodeZlib } from './decode-zlib.js';
import { decodeZstd } from './decode-zstd.js';
import { decrypt } from './decrypt.js';
import { decryptIp } from './decrypt-ip.js';
import { del } from './del.js';
import { dirname } from './dirname.js';
import { downcase } from './downcase.js';
import { encodeBase16 } from './encode-base16.js';
import { encodeBase64 } from './encode-base64.js';
import { encodeCharset } from './encode-charset.js';
import { encodeCsv } from './encode-csv.js';
import { encodeGzip } from './encode-gzip.js';
import { encodeJsonFunction } from './encode-json.js';
import { encodeKeyValue } from './encode-key-value.js';
import { encodeLogfmt } from './encode-logfmt.js';
import { encodeLz4 } from './encode-lz4.js';
import { encodePercent } from './encode-percent.js';
import { encodeProto } from './encode-proto.js';
import { encodePunycode } from './encode-punycode.js';
import { encodeSnappy } from './encode-snappy.js';
import { encodeZlib } from './encode-zlib.js';
import { encodeZstd } from './encode-zstd.js';
import { encrypt } from './encrypt.js';
import { encryptIp } from './encrypt-ip.js';
import { endsWith } from './ends-with.js';
import { exists } from './exists.js';
import { filter } from './filter.js';
import { find } from './find.js';
import { flatten } from './flatten.js';
import { float } from './float.js';
import { floor } from './floor.js';
import { forEach } from './for-each.js';
import { formatInt } from './format-int.js';
import { formatNumber } from './format-number.js';
import { formatTimestamp } from './format-timestamp.js';
import { fromEntries } from './from-entries.js';
import { fromUnixTimestamp } from './from-unix-timestamp.js';
import { get } from './get.js';
import { getEnvVar } from './get-env-var.js';
import { getHostname } from './get-hostname.js';
import { getTimezoneName } from './get-timezone-name.js';
import { haversine } from './haversine.js';
import { hmac } from './hmac.js';
import { includes } from './includes.js';
import { int } from './int.js';
import { ipAton } from './ip-aton.js';
import { ipCidrContains } from './ip-cidr-contains.js';
import { ipNtoa } from './ip-ntoa.js';
import { ipNtop } from './ip-ntop.js';
import { ipPton } from './ip-pton.js';
import { ipSubnet } from './ip-subnet.js';
import { ipToIpv6 } from './ip-to-ipv6.js';
import { ipv6ToIpv4 } from './ipv6-to-ipv4.js';
import { isArray } from './is-array.js';
import { isBoolean } from './is-boolean.js';
import { isEmpty } from './is-empty.js';
import { isFloat } from './is-float.js';
import { isInteger } from './is-integer.js';
import { isIpv4 } from './is-ipv4.js';
import { isIpv6 } from './is-ipv6.js';
import { isJsonFunction } from './is-json.js';
import { isNull } from './is-null.js';
import { isNullish } from './is-nullish.js';
import { isObject } from './is-object.js';
import { isRegex } from './is-regex.js';
import { isString } from './is-string.js';
import { isTimestamp } from './is-timestamp.js';
import { join } from './join.js';
import { kebabcase } from './kebabcase.js';
import { keys } from './keys.js';
import { length } from './length.js';
import { log } from './log.js';
import { mapKeys } from './map-keys.js';
import { mapValues } from './map-values.js';
import { match } from './match.js';
import { matchAny } from './match-any.js';
import { matchArray } from './match-array.js';
import { matchDatadogQuery } from './match-datadog-query.js';
import { md5 } from './md5.js';
import { merge } from './merge.js';
import { mod } from './mod.js';
import { now } from './now.js';
import { object } from './object.js';
import { objectFromArray } from './object-from-array.js';
import { parseApacheLog } from './parse-apache-log.js';
import { parseAwsAlbLog } from './parse-aws-alb-log.js';
import { parseAwsCloudwatchLogSubscriptionMessage } from './parse-aws-cloudwatch-log-subscription-message.js';
import { parseAwsVpcFlowLog } from './parse-aws-vpc-flow-log.js';
import { parseBytes } from './parse-bytes.js';
import { parseCef } from './parse-cef.js';
import { parseCommonLog } from './parse-common-log.js';
import { parseCsv } from './parse-csv.js';
import { parseDuration } from './parse-duration.js';
import { parseFloatFunction } from './parse-float.js';
import { parseGlog } from './parse-glog.js';
import { parseGrok } from './parse-grok.js';
import { parseInfluxdb } from './parse-influxdb.js';
import { parseIntFunction } from './parse-int.js';
import { parseJson } from './parse-json.js';
import { parseKeyValue } from './parse-key-value.js';
import { parseKlog } from './parse-klog.js';
import { parseLogfmt } from './parse-logfmt.js';
import { parseNginxLog } from './parse-nginx-log.js';
import { parseQueryString } from './parse-query-string.js';
import { parseRegex } from './parse-regex.js';
import { parseRegexAll } from './parse-regex-all.js';
import { parseRubyHash } from './parse-ruby-hash.js';
import { parseSyslog } from './parse-syslog.js';
import { parseTimestamp } from './parse-timestamp.js';
import { parseTokens } from './parse-tokens.js';
import { parseUrl } from './parse-url.js';
import { parseUserAgent } from './parse-user-agent.js';
import { parseXml } from './parse-xml.js';
import { parseYaml } from './parse-yaml.js';
import { pascalcase } from './pascalcase.js';
import { pop } from './pop.js';
import { push } from './push.js';
import { randomBool } from './random-bool.js';
import { randomBytes } from './random-bytes.js';
import { randomFloat } from './random-float.js';
import { randomInt } from './random-int.js';
import { redact } from './redact.js';
import { remove } from './remove.js';
import { replace } from './replace.js';
import { replaceWith } from './replace-with.js';
import { round } from './round.js';
import { screamingsnakecase } from './screamingsnakecase.js';
import { seahash } from './seahash.js';
import { set } from './set.js';
import { sha1 } from './sha1.js';
import { sha2 } from './sha2.js';
import { sha3 } from './sha3.js';
import { shannonEntropy } from './shannon-entropy.js';
import { sieve } from './sieve.js';
import { slice } from './slice.js';
import { snakecase } from './snakecase.js';
import { split } from './split.js';
import { splitPath } from './split-path.js';
import { startsWith } from './starts-with.js';
import { string } from './string.js';
import { stripAnsiEscapeCodes } from './strip-ansi-escape-codes.js';
import { stripWhitespace } from './strip-whitespace.js';
import { strlen } from './strlen.js';
import { tagTypesExternally } from './tag-types-externally.js';
import { tally } from './tally.js';
import { tallyValue } from './tally-value.js';
import { timestamp } from './timestamp.js';
import { toBool } from './to-bool.js';
import { toEntries } from './to-entries.js';
import { toFloat } from './to-float.js';
import { toInt } from './to-int.js';
import { toRegex } from './to-regex.js';
import { toStringFunction } from './to-string.js';
import { toSyslogFacility } from './to-syslog-facility.js';
import { toSyslogFacilityCode } from './to-syslog-facility-code.js';
import { toSyslogLevel } from './to-syslog-level.js';
import { toSyslogSeverity } from './to-syslog-severity.js';
import { toUnixTimestamp } from './to-unix-timestamp.js';
import { truncate } from './truncate.js';
import { typeDefinition } from './type-def.js';
import { unflatten } from './unflatten.js';
import { unique } from './unique.js';
import { unnest } from './unnest.js';
import { upcase } from './upcase.js';
import { uuidFromFriendlyId } from './uuid-from-friendly-id.js';
import { uuidV4 } from './uuid-v4.js';
import { uuidV7 } from './uuid-v7.js';
import { validateJsonSchema } from './validate-json-schema.js';
import { values } from './values.js';
import { xxhash } from './xxhash.js';
import { zip } from './zip.js';

/**
 * The functions of VRL's standard library this package implements, one file each. To add one,
 * see README.md in this directory.
 */
export const standardLibrary: readonly VrlFunction[] = [
  abs,
  append,
  array,
  assert,
  assertEq,
  basename,
  bool,
  camelcase,
  ceil,
  chunks,
  communityId,
  compact,
  contains,
  containsAll,
  crc,
  decodeBase16,
  decodeBase64,
  decodeCharset,
  decodeGzip,
  decodeLz4,
  decodeMimeQ,
  decodePercent,
  decodePunycode,
  decodeSnappy,
  decodeZlib,
  decodeZstd,
  decrypt,
  decryptIp,
  del,
  dirname,
  downcase,
  encodeBase16,
  encodeBase64,
  encodeCharset,
  encodeCsv,
  encodeGzip,
  encodeJsonFunction,
  encodeKeyValue,
  encodeLogfmt,
  encodeLz4,
  encodePercent,
  encodeProto,
  encodePunycode,
  encodeSnappy,
  encodeZlib,
  encodeZstd,
  encrypt,
  encryptIp,
  endsWith,
  exists,
  filter,
  find,
  flatten,
  float,
  floor,
  forEach,
  formatInt,
  formatNumber,
  formatTimestamp,
  fromEntries,
  fromUnixTimestamp,
  get,
  getEnvVar,
  getHostname,
  getTimezoneName,
  haversine,
  hmac,
  includes,
  int,
  ipAton,
  ipCidrContains,
  ipNtoa,
  ipNtop,
  ipPton,
  ipSubnet,
  ipToIpv6,
  ipv6ToIpv4,
  isArray,
  isBoolean,
  isEmpty,
  isFloat,
  isInteger,
  isIpv4,
  isIpv6,
  isJsonFunction,
  isNull,
  isNullish,
  isObject,
  isRegex,
  isString,
  isTimestamp,
  join,
  kebabcase,
  keys,
  length,
  log,
  mapKeys,
  mapValues,
  match,
  matchAny,
  matchArray,
  matchDatadogQuery,
  md5,
  merge,
  mod,
  now,
  object,
  objectFromArray,
  parseApacheLog,
  parseAwsAlbLog,
  parseAwsCloudwatchLogSubscriptionMessage,
  parseAwsVpcFlowLog,
  parseBytes,
  parseCef,
  parseCommonLog,
  parseCsv,
  parseDuration,
  parseFloatFunction,
  parseGlog,
  parseGrok,
  parseInfluxdb,
  parseIntFunction,
  parseJson,
  parseKeyValue,
  parseKlog,
  parseLogfmt,
  parseNginxLog,
  parseQueryString,
  parseRegex,
  parseRegexAll,
  parseRubyHash,
  parseSyslog,
  parseTimestamp,
  parseTokens,
  parseUrl,
  parseUserAgent,
  parseXml,
  parseYaml,
  pascalcase,
  pop,
  push,
  randomBool,
  randomBytes,
  randomFloat,
  randomInt,
  redact,
  remove,
  replace,
  replaceWith,
  round,
  screamingsnakecase,
  seahash,
  set,
  sha1,
  sha2,
  sha3,
  shannonEntropy,
  sieve,
  slice,
  snakecase,
  split,
  splitPath,
  startsWith,
  string,
  stripAnsiEscapeCodes,
  stripWhitespace,
  strlen,
  tagTypesExternally,
  tally,
  tallyValue,
  timestamp,
  toBool,
  toEntries,
  toFloat,
  toInt,
  toRegex,
  toStringFunction,
  toSyslogFacility,
  toSyslogFacilityCode,
  toSyslogLevel,
  toSyslogSeverity,
  toUnixTimestamp,
  truncate,
  typeDefinition,
  unflatten,
  unique,
  unnest,
  upcase,
  uuidFromFriendlyId,
  uuidV4,
  uuidV7,
  validateJsonSchema,
  values,
  xxhash,
  zip,
];
