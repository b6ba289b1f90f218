import { describe, expect, it } from 'vitest';
import { evaluateString, examplesOfFile, unindent } from './rust-examples.js';

const RUST = `
impl Function for Replace {
    fn identifier(&self) -> &'static str {
        "replace"
    }

    fn examples(&self) -> &'static [Example] {
        &[
            example! {
                title: "Replace literal text",
                source: r#"replace("Apples and Bananas", "and", "not")"#,
                result: Ok("Apples not Bananas"),
            },
            example! {
                title: "With groups",
                source: indoc! {r#"
                    # a comment
                    replace("foo123bar", r'foo(?P<num>\\d+)bar', "$num")
                "#},
                // extra quotes keep it a string
                result: Ok(r#""123""#),
            },
            example! {
                title: "Fails",
                source: "to_int!(\\"x\\")",
                result: Err(
                    r#"function call error for "to_int" at (0:12): invalid"#,
                ),
            },
            example! {
                title: "Computed",
                source: &SOME_CONSTANT,
                result: Ok("x"),
            },
        ]
    }
}`;

describe("examples read from VRL's Rust sources", () => {
  it('reads titles, sources and results in every literal form, and reports what it cannot read', () => {
    const { examples, skipped, identifier } = examplesOfFile('src/stdlib/replace.rs', RUST);
    expect(identifier).toBe('replace');
    expect(examples.map((example) => [example.title, example.source, example.result])).toEqual([
      ['Replace literal text', 'replace("Apples and Bananas", "and", "not")', { ok: 'Apples not Bananas' }],
      [
        'With groups',
        '# a comment\nreplace("foo123bar", r\'foo(?P<num>\\d+)bar\', "$num")\n',
        { ok: '"123"' },
      ],
      ['Fails', 'to_int!("x")', { error: 'function call error for "to_int" at (0:12): invalid' }],
    ]);
    expect(skipped).toEqual([
      { file: 'src/stdlib/replace.rs', line: 30, reason: 'computed value: &SOME_CONSTANT' },
    ]);
  });

  it('follows Rust string escapes and indoc', () => {
    expect(evaluateString('"a\\n\\t\\"b\\u{1F600}"')).toBe('a\n\t"b😀');
    expect(unindent('\n    a\n      b\n\n    c\n')).toBe('a\n  b\n\nc\n');
  });
});
