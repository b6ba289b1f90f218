import { describe, expect, it } from 'vitest';
import { callError } from '../test-helpers/outcome.js';

const LINE =
  'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" 10.0.0.1:80 200 "-" "-"';

describe('parse_aws_alb_log', () => {
  it.each([
    ['http', 'failed to get field `timestamp`: Parsing Error: ("", Char)'],
    ['http x', 'failed to get field `timestamp`: Parsing Error: ("x", TakeWhile1)'],
    [
      LINE.replace('0.001', 'abc'),
      'failed to get field `target_processing_time`: Parsing Error: ("abc 0.000 200 200 34 366 \\"GET http://www.example.com:80/ HTTP/1.1\\" \\"curl/7.46.0\\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \\"Root=1-58337262-36d228ad5d99923122bbe354\\" \\"-\\" \\"-\\" 0 2018-07-02T22:22:48.364000Z \\"forward\\" \\"-\\" \\"-\\" 10.0.0.1:80 200 \\"-\\" \\"-\\"", TakeWhile1)',
    ],
    [
      LINE.slice(0, LINE.indexOf('"curl') + 6),
      'failed to get field `user_agent`: Parsing requires more data',
    ],
    [LINE.replace('"GET http://www.example.com:80/ HTTP/1.1"', '"GET"'), 'failed to get field `request_url`'],
    [`${LINE} extra`, 'Log should be fully consumed: " extra"'],
  ])('fails on %j as VRL does', (line, message) => {
    expect(callError(`parse_aws_alb_log!(${JSON.stringify(line)})`)).toBe(message);
  });

  it('ignores trailing fields when not strict', () => {
    expect(
      callError(`parse_aws_alb_log!(${JSON.stringify(`${LINE} extra`)}, strict_mode: false)`),
    ).toBeUndefined();
  });
});
