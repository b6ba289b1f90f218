import type { VrlFunction } from '../function.js';
import { append } from './append.js';
import { array } from './array.js';
import { assert } from './assert.js';
import { assertEq } from './assert-eq.js';
import { bool } from './bool.js';
import { contains } from './contains.js';
import { del } from './del.js';
import { downcase } from './downcase.js';
import { encodeJsonFunction } from './encode-json.js';
import { endsWith } from './ends-with.js';
import { exists } from './exists.js';
import { filter } from './filter.js';
import { float } from './float.js';
import { forEach } from './for-each.js';
import { formatTimestamp } from './format-timestamp.js';
import { get } from './get.js';
import { int } from './int.js';
import { isArray } from './is-array.js';
import { isBoolean } from './is-boolean.js';
import { isFloat } from './is-float.js';
import { isInteger } from './is-integer.js';
import { isNull } from './is-null.js';
import { isObject } from './is-object.js';
import { isRegex } from './is-regex.js';
import { isString } from './is-string.js';
import { isTimestamp } from './is-timestamp.js';
import { keys } from './keys.js';
import { length } from './length.js';
import { log } from './log.js';
import { mapKeys } from './map-keys.js';
import { mapValues } from './map-values.js';
import { match } from './match.js';
import { merge } from './merge.js';
import { mod } from './mod.js';
import { now } from './now.js';
import { object } from './object.js';
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
import { parseTimestamp } from './parse-timestamp.js';
import { parseTokens } from './parse-tokens.js';
import { parseUrl } from './parse-url.js';
import { parseXml } from './parse-xml.js';
import { parseYaml } from './parse-yaml.js';
import { push } from './push.js';
import { replace } from './replace.js';
import { sha1 } from './sha1.js';
import { split } from './split.js';
import { startsWith } from './starts-with.js';
import { string } from './string.js';
import { timestamp } from './timestamp.js';
import { toFloat } from './to-float.js';
import { toInt } from './to-int.js';
import { toStringFunction } from './to-string.js';
import { typeDefinition } from './type-def.js';
import { upcase } from './upcase.js';
import { values } from './values.js';

/**
 * The functions of VRL's standard library this package implements, one file each. To add one,
 * see README.md in this directory.
 */
export const standardLibrary: readonly VrlFunction[] = [
  append,
  array,
  assert,
  assertEq,
  bool,
  contains,
  del,
  downcase,
  encodeJsonFunction,
  endsWith,
  exists,
  filter,
  float,
  forEach,
  formatTimestamp,
  get,
  int,
  isArray,
  isBoolean,
  isFloat,
  isInteger,
  isNull,
  isObject,
  isRegex,
  isString,
  isTimestamp,
  keys,
  length,
  log,
  mapKeys,
  mapValues,
  match,
  merge,
  mod,
  now,
  object,
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
  parseTimestamp,
  parseTokens,
  parseUrl,
  parseXml,
  parseYaml,
  push,
  replace,
  sha1,
  split,
  startsWith,
  string,
  timestamp,
  toFloat,
  toInt,
  toStringFunction,
  typeDefinition,
  upcase,
  values,
];
