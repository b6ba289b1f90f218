import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import type { ObjectValue, Value } from '../value/value.js';
import { parseRustFloat, parseRustInteger, rustDebugString } from './rust.js';

/** A field the reader could not take: nom's error, as VRL prints it after `failed to get field`. */
class FieldError {
  constructor(readonly message: string) {}
}

/** nom's `Parsing Error: ("rest", Kind)`. */
const nomError = (rest: string, kind: string): FieldError =>
  new FieldError(`Parsing Error: (${rustDebugString(rest)}, ${kind})`);

/**
 * A reader over an ALB log line with the nom parsers of VRL's `parse_aws_alb_log`: each field
 * follows one space.
 */
class AlbReader {
  constructor(public rest: string) {}

  /** `take_while1(allowed)`, after a space unless `first`. */
  token(allowed: (character: string) => boolean, first = false): string {
    let input = this.rest;
    if (!first) {
      if (!input.startsWith(' ')) throw nomError(input, 'Char');
      input = input.slice(1);
    }
    let end = 0;
    while (end < input.length && allowed(input[end] as string)) end++;
    if (end === 0) throw nomError(input, 'TakeWhile1');
    this.rest = input.slice(end);
    return input.slice(0, end);
  }

  /** `take_anything`: a space, then everything up to the next space. */
  anything(): string {
    return this.token((character) => character !== ' ');
  }

  /** `take_quoted1`: ` "`, the text up to an unescaped `"` (backslashes dropped), `"`. */
  quoted(): string {
    if (!this.rest.startsWith(' "')) throw nomError(this.rest, 'Tag');
    let value = '';
    let escaped = false;
    for (let index = 2; index < this.rest.length; index++) {
      const character = this.rest[index] as string;
      if (character === '\\' && !escaped) escaped = true;
      else if (character === '"' && !escaped) {
        this.rest = this.rest.slice(index + 1);
        return value;
      } else {
        value += character;
        escaped = false;
      }
    }
    throw new FieldError('Parsing requires more data');
  }

  /** A `-`, quoted or not, is an empty list; else a one-item list, quoted or not. */
  maybeQuotedList(allowed: (character: string) => boolean): string[] {
    if (this.rest.startsWith(' "-"')) {
      this.rest = this.rest.slice(4);
      return [];
    }
    if (this.rest.startsWith(' "')) {
      let end = 2;
      while (end < this.rest.length && allowed(this.rest[end] as string)) end++;
      if (end > 2 && this.rest[end] === '"') {
        const value = this.rest.slice(2, end);
        this.rest = this.rest.slice(end + 1);
        return [value];
      }
    }
    if (this.rest.startsWith(' ')) {
      let end = 1;
      while (end < this.rest.length && allowed(this.rest[end] as string)) end++;
      if (end > 1) {
        const value = this.rest.slice(1, end);
        this.rest = this.rest.slice(end);
        return [value];
      }
    }
    throw new FieldError('Parsing Error: ()');
  }
}

const inRange = (low: string, high: string) => (character: string) => character >= low && character <= high;
const oneOf =
  (...tests: ((character: string) => boolean)[]) =>
  (character: string): boolean =>
    tests.some((test) => test(character));
const chars = (set: string) => (character: string) => set.includes(character);

const TYPE = oneOf(inRange('a', 'z'), inRange('0', '9'));
const TIME = oneOf(inRange('0', '9'), chars('.-:TZ'));
const HOST = oneOf(inRange('0', '9'), inRange('a', 'f'), chars('.:-'));
const DECIMAL = oneOf(inRange('0', '9'), chars('.-'));
const INTEGER = oneOf(inRange('0', '9'), chars('-'));
const DIGIT = inRange('0', '9');

const dash = (value: string): string | null => (value === '-' ? null : value);

function parseAlbLog(text: string, strict: boolean): ObjectValue {
  const reader = new AlbReader(text);
  const log: Record<string, Value> = {};
  let name = 'type';
  const field = (fieldName: string, read: () => Value): void => {
    name = fieldName;
    const value = read();
    log[fieldName] = typeof value === 'string' ? dash(value) : value;
  };
  const parsed = (fieldName: string, allowed: (character: string) => boolean, integer: boolean): void =>
    field(fieldName, () => {
      const before = reader.rest;
      const token = reader.token(allowed);
      const number = integer ? parseRustInteger(token) : parseRustFloat(token);
      if ('error' in number || (!integer && Number.isNaN(number.value))) throw nomError(before, 'MapRes');
      return integer ? (number.value as number) : floatValue(number.value as number);
    });
  try {
    field('type', () => reader.token(TYPE, true));
    field('timestamp', () => reader.token(TIME));
    field('elb', () => reader.anything());
    field('client_host', () => reader.token(HOST));
    field('target_host', () => reader.token(HOST));
    parsed('request_processing_time', DECIMAL, false);
    parsed('target_processing_time', DECIMAL, false);
    parsed('response_processing_time', DECIMAL, false);
    field('elb_status_code', () => reader.token(INTEGER));
    field('target_status_code', () => reader.token(INTEGER));
    parsed('received_bytes', INTEGER, true);
    parsed('sent_bytes', INTEGER, true);
    name = 'request';
    const request = reader.quoted();
    const space = request.indexOf(' ');
    log.request_method = dash(space < 0 ? request : request.slice(0, space));
    if (space < 0) return fail('failed to get field `request_url`');
    const rest = request.slice(space + 1);
    const last = rest.lastIndexOf(' ');
    log.request_protocol = dash(last < 0 ? rest : rest.slice(last + 1));
    if (last < 0) return fail('failed to get field `request_url`');
    log.request_url = rest.slice(0, last);
    field('user_agent', () => reader.quoted());
    field('ssl_cipher', () => reader.anything());
    field('ssl_protocol', () => reader.anything());
    field('target_group_arn', () => reader.anything());
    field('trace_id', () => reader.quoted());
    field('domain_name', () => reader.quoted());
    field('chosen_cert_arn', () => reader.quoted());
    field('matched_rule_priority', () => reader.token(INTEGER));
    field('request_creation_time', () => reader.token(TIME));
    field('actions_executed', () => reader.quoted());
    field('redirect_url', () => reader.quoted());
    field('error_reason', () => reader.quoted());
    field('target_port_list', () => reader.maybeQuotedList(HOST));
    field('target_status_code_list', () => reader.maybeQuotedList(DIGIT));
    field('classification', () => reader.quoted());
    field('classification_reason', () => reader.quoted());
    name = 'traceability_id';
    log.traceability_id = reader.rest.startsWith(' TID_') ? reader.anything() : null;
  } catch (error) {
    if (error instanceof FieldError) return fail(`failed to get field \`${name}\`: ${error.message}`);
    throw error;
  }
  if (reader.rest !== '' && strict) return fail(`Log should be fully consumed: "${reader.rest}"`);
  return log;
}

const bytesOrNull = Kind.bytes().orNull();

/** `parse_aws_alb_log(value, strict_mode: true)`: an Application Load Balancer access log line. */
export const parseAwsAlbLog = defineFunction({
  name: 'parse_aws_alb_log',
  parameters: [required('value', kind.BYTES), optional('strict_mode', kind.BOOLEAN, true)],
  returns: TypeDef.object(
    Collection.known([
      ['actions_executed', bytesOrNull],
      ['chosen_cert_arn', bytesOrNull],
      ['classification_reason', bytesOrNull],
      ['classification', bytesOrNull],
      ['client_host', Kind.bytes()],
      ['domain_name', bytesOrNull],
      ['elb_status_code', Kind.bytes()],
      ['elb', Kind.bytes()],
      ['error_reason', bytesOrNull],
      ['matched_rule_priority', bytesOrNull],
      ['received_bytes', Kind.integer()],
      ['redirect_url', bytesOrNull],
      ['request_creation_time', Kind.bytes()],
      ['request_method', Kind.bytes()],
      ['request_processing_time', Kind.float()],
      ['request_protocol', Kind.bytes()],
      ['request_url', Kind.bytes()],
      ['response_processing_time', Kind.float()],
      ['sent_bytes', Kind.integer()],
      ['ssl_cipher', bytesOrNull],
      ['ssl_protocol', bytesOrNull],
      ['target_group_arn', Kind.bytes()],
      ['target_host', bytesOrNull],
      ['target_port_list', bytesOrNull],
      ['target_processing_time', Kind.float()],
      ['target_status_code_list', bytesOrNull],
      ['target_status_code', bytesOrNull],
      ['timestamp', Kind.bytes()],
      ['trace_id', Kind.bytes()],
      ['type', Kind.bytes()],
      ['user_agent', Kind.bytes()],
      ['traceability_id', bytesOrNull],
    ]),
  ).fallible(),
  freshResult: true,
  call: ([value, strictMode]) => parseAlbLog(value as string, strictMode as boolean),
});
