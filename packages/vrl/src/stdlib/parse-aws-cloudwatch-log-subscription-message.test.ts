import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../test-helpers/outcome.js';

const MESSAGE = {
  messageType: 'DATA_MESSAGE',
  owner: '071959437513',
  logGroup: '/jesse/test',
  logStream: 'test',
  subscriptionFilters: ['Destination'],
  logEvents: [
    {
      id: '35683658089614582423604394983260738922885519999578275840',
      timestamp: 1600110569039,
      message: '{"bytes":26780,"datetime":"14/Sep/2020:11:45:41 -0400"}',
    },
    {
      id: '35683658089659183914001456229543810359430816722590236673',
      timestamp: 1600110569041,
      message: 'plain text',
    },
  ],
};

describe('parse_aws_cloudwatch_log_subscription_message', () => {
  it("reads the subscription message (VRL's own test)", () => {
    expect(
      evaluate('parse_aws_cloudwatch_log_subscription_message!(.m)', { m: JSON.stringify(MESSAGE) }),
    ).toEqual({
      value: {
        owner: '071959437513',
        message_type: 'DATA_MESSAGE',
        log_group: '/jesse/test',
        log_stream: 'test',
        subscription_filters: ['Destination'],
        log_events: [
          {
            id: '35683658089614582423604394983260738922885519999578275840',
            timestamp: '2020-09-14T19:09:29.039Z',
            message: '{"bytes":26780,"datetime":"14/Sep/2020:11:45:41 -0400"}',
          },
          {
            id: '35683658089659183914001456229543810359430816722590236673',
            timestamp: '2020-09-14T19:09:29.041Z',
            message: 'plain text',
          },
        ],
      },
    });
  });

  it.each([
    [{ ...MESSAGE, owner: undefined }, 'missing field `owner` at line 1 column 407'],
    [
      { ...MESSAGE, extra: 1 },
      'unknown field `extra`, expected one of `owner`, `messageType`, `logGroup`, `logStream`, `subscriptionFilters`, `logEvents` at line 1 column 437',
    ],
    [
      { ...MESSAGE, messageType: 'OTHER' },
      'unknown variant `OTHER`, expected `CONTROL_MESSAGE` or `DATA_MESSAGE` at line 1 column 22',
    ],
    [{ ...MESSAGE, owner: 5 }, 'invalid type: integer `5`, expected a string at line 1 column 39'],
  ])('fails as serde_json does', (message, reason) => {
    expect(
      callError('parse_aws_cloudwatch_log_subscription_message!(.m)', { m: JSON.stringify(message) }),
    ).toBe(`unable to parse: ${reason}`);
  });
});
