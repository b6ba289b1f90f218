import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../../test-helpers/outcome.js';
import { parseCefPairs } from './cef.js';

// VRL's own tests of its CEF reader (src/stdlib/parse_cef.rs).
const CASES: [string, boolean, [string, string][]][] = [
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|',
    true,
    [
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
    true,
    [
      ['src', '10.0.0.1'],
      ['dst', '2.1.2.2'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager||100|worm successfully stopped||src= dst=2.1.2.2',
    true,
    [
      ['src', ''],
      ['dst', '2.1.2.2'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', ''],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', ''],
    ],
  ],
  [
    'CEF:1|"Security"|threatmanager|1.0|100|"worm successfully stopped"|10|src="10.0.0.1" dst=2.1.2.2 spt="1232"',
    true,
    [
      ['src', '10.0.0.1'],
      ['dst', '2.1.2.2'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'Sep 29 08:26:10 host CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
    true,
    [
      ['src', '10.0.0.1'],
      ['dst', '2.1.2.2'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm \\| successfully \\| stopped|10|',
    true,
    [
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm | successfully | stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm \\\\ successfully \\\\ stopped|10|',
    true,
    [
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm \\ successfully \\ stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=ip\\=10.0.0.1 dst=2.1.2.2 spt=1232',
    true,
    [
      ['src', 'ip=10.0.0.1'],
      ['dst', '2.1.2.2'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|dst=2.1.2.2 path=\\\\home\\\\ spt=1232',
    true,
    [
      ['dst', '2.1.2.2'],
      ['path', '\\home\\'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|dst=2.1.2.2 msg=Detected a threat.\\r No action needed spt=1232',
    true,
    [
      ['dst', '2.1.2.2'],
      ['msg', 'Detected a threat.\n No action needed'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|dst=2.1.2.2 msg=Detected a threat. No action needed   spt=1232',
    true,
    [
      ['dst', '2.1.2.2'],
      ['msg', 'Detected a threat. No action needed'],
      ['spt', '1232'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|dst=2.1.2.2 msg=Detected a threat. No action needed   ',
    true,
    [
      ['dst', '2.1.2.2'],
      ['msg', 'Detected a threat. No action needed'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:0|SecurityVendor|SecurityProduct|1.0|100|Unauthorized Access Attempt|10| src=192.168.1.100 dst=10.0.0.5 spt=12345 dpt=80 proto=TCP msg=Blocked unauthorized access attempt act=blocked outcome=failure rt=2025-06-29T23:35:00Z',
    true,
    [
      ['src', '192.168.1.100'],
      ['dst', '10.0.0.5'],
      ['spt', '12345'],
      ['dpt', '80'],
      ['proto', 'TCP'],
      ['msg', 'Blocked unauthorized access attempt'],
      ['act', 'blocked'],
      ['outcome', 'failure'],
      ['rt', '2025-06-29T23:35:00Z'],
      ['cefVersion', '0'],
      ['deviceVendor', 'SecurityVendor'],
      ['deviceProduct', 'SecurityProduct'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'Unauthorized Access Attempt'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 msg=status=ok reason=none dst=2.1.2.2',
    false,
    [
      ['src', '10.0.0.1'],
      ['msg', 'status=ok'],
      ['reason', 'none'],
      ['dst', '2.1.2.2'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  [
    'CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|cs4=None request="https://foo.com?id=foo&a=bar" abc=lol',
    false,
    [
      ['cs4', 'None'],
      ['request', 'https://foo.com?id=foo&a=bar'],
      ['abc', 'lol'],
      ['cefVersion', '1'],
      ['deviceVendor', 'Security'],
      ['deviceProduct', 'threatmanager'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'worm successfully stopped'],
      ['severity', '10'],
    ],
  ],
  // Several spaces before a key end the value before the first of them (VRL #1430; older VRLs kept one).
  [
    'CEF:0|V|P|1.0|100|name|5|a=1  b=2   ',
    true,
    [
      ['a', '1'],
      ['b', '2'],
      ['cefVersion', '0'],
      ['deviceVendor', 'V'],
      ['deviceProduct', 'P'],
      ['deviceVersion', '1.0'],
      ['deviceEventClassId', '100'],
      ['name', 'name'],
      ['severity', '5'],
    ],
  ],
];

describe('the CEF reader', () => {
  it.each(CASES)('reads %j (strict: %s)', (text, strict, pairs) => {
    expect(parseCefPairs(text, strict)).toEqual(pairs);
  });
});

describe('parse_cef', () => {
  it('reads an empty last value', () => {
    expect(evaluate('parse_cef!("CEF:0|V|P|1|1|n|1|x=").x')).toEqual({ value: '' });
  });

  it("reports nom's errors, `count` at the start of the headers", () => {
    const text = 'CEF:1|a\\|b|P||100|n|10x=y\\';
    expect(callError('parse_cef!(.text)', { text })).toBe(
      `0: at line 1, in EscapedTransform:\n${text}\n${' '.repeat(25)}^\n\n` +
        `1: at line 1, in Alt:\n${text}\n${' '.repeat(20)}^\n\n` +
        `2: at line 1, in Count:\n${text}\n${' '.repeat(4)}^\n\n`,
    );
  });
});
