import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from '../test-helpers/evaluate.js';
import { convertCase } from './casing.js';

describe('case conversion (convert_case 0.7)', () => {
  it('splits at separators, case changes, acronyms and digits', () => {
    expect(convertCase('XMLHttpRequest', 'snake_case', undefined)).toBe('xml_http_request');
    expect(convertCase('version2Release', 'kebab-case', undefined)).toBe('version-2-release');
    expect(convertCase('  leading and trailing  ', 'camelCase', undefined)).toBe('leadingAndTrailing');
    expect(convertCase('double__underscore', 'PascalCase', undefined)).toBe('DoubleUnderscore');
    expect(convertCase('', 'snake_case', undefined)).toBe('');
  });

  it('splits only where the original case says', () => {
    expect(convertCase('foo_barBaz', 'kebab-case', 'snake_case')).toBe('foo-barbaz');
    expect(convertCase('fooBar-baz', 'snake_case', 'camelCase')).toBe('foo_bar-baz');
  });

  it('cases graphemes, not code units', () => {
    expect(convertCase('ÉcoleNormale', 'snake_case', undefined)).toBe('école_normale');
    expect(convertCase('straße_weg', 'SCREAMING_SNAKE', undefined)).toBe('STRASSE_WEG');
  });

  it('leaves out the excluded boundaries', () => {
    expect(evaluate('snakecase("s3BucketDetails", excluded_boundaries: ["lower_digit"])')).toBe(
      's3_bucket_details',
    );
    expect(evaluate('snakecase("s3BucketDetails")')).toBe('s_3_bucket_details');
  });

  it('refuses an unknown original case or boundary at compile time', () => {
    expect(compileError('camelcase("a", "Title Case")')).toContain('error[E401] invalid enum variant');
    expect(compileError('snakecase("a", excluded_boundaries: ["nope"])')).toContain(
      'boundary must match one of: lower_upper, upper_lower, acronym, lower_digit, upper_digit, digit_lower, digit_upper',
    );
  });
});
