import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { Timestamp } from '../value/markers.js';
import { type Read, readShaped, SerdeError, type Shape } from './parsers/serde-struct.js';

const MESSAGE: Shape = {
  type: 'struct',
  name: 'AwsCloudWatchLogsSubscriptionMessage',
  fields: [
    ['owner', { type: 'string' }],
    [
      'messageType',
      {
        type: 'unitEnum',
        name: 'AwsCloudWatchLogsSubscriptionMessageType',
        variants: ['CONTROL_MESSAGE', 'DATA_MESSAGE'],
      },
    ],
    ['logGroup', { type: 'string' }],
    ['logStream', { type: 'string' }],
    ['subscriptionFilters', { type: 'sequence', item: { type: 'string' } }],
    [
      'logEvents',
      {
        type: 'sequence',
        item: {
          type: 'struct',
          name: 'AwsCloudWatchLogEvent',
          fields: [
            ['id', { type: 'string' }],
            ['timestamp', { type: 'millisecondsTimestamp' }],
            ['message', { type: 'string' }],
          ],
        },
      },
    ],
  ],
};

/**
 * `parse_aws_cloudwatch_log_subscription_message(value)`: the JSON CloudWatch Logs delivers to
 * subscriptions (Kinesis, Firehose), its events with their timestamps.
 */
export const parseAwsCloudwatchLogSubscriptionMessage = defineFunction({
  name: 'parse_aws_cloudwatch_log_subscription_message',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.object(
    Collection.known([
      ['owner', Kind.bytes()],
      ['message_type', Kind.bytes()],
      ['log_group', Kind.bytes()],
      ['log_stream', Kind.bytes()],
      ['subscription_filters', Kind.array(Collection.fromUnknown(Kind.bytes()))],
      [
        'log_events',
        Kind.array(
          Collection.fromUnknown(
            Kind.object(
              Collection.known([
                ['id', Kind.bytes()],
                ['timestamp', Kind.timestamp()],
                ['message', Kind.bytes()],
              ]),
            ),
          ),
        ),
      ],
    ]),
  ).fallible(),
  freshResult: true,
  call: ([value]) => {
    let message: Record<string, Read>;
    try {
      message = readShaped(value as string, MESSAGE) as Record<string, Read>;
    } catch (error) {
      if (error instanceof SerdeError) return fail(`unable to parse: ${error.message}`);
      throw error;
    }
    return {
      owner: message.owner as string,
      message_type: message.messageType as string,
      log_group: message.logGroup as string,
      log_stream: message.logStream as string,
      subscription_filters: message.subscriptionFilters as string[],
      log_events: (message.logEvents as Record<string, Read>[]).map((event) => ({
        id: event.id as string,
        timestamp: new Timestamp(event.timestamp as number),
        message: event.message as string,
      })),
    };
  },
});
