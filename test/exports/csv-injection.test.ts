// CSV exports neutralise spreadsheet formulas (OWASP, CSV injection): a text that starts with
// =, +, -, @, a tab or a CR gets a leading ' and quotes, so a spreadsheet shows it as text.

import { describe, expect, test } from 'vitest';
import { csvField } from '../../server/exports/csv.ts';

describe('a CSV field', () => {
  test.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+2', `"'+1+2"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(1+1)', `"'@SUM(1+1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a formula: %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  test('leaves other texts, numbers and lists as they were', () => {
    expect(csvField('NATO should not expand')).toBe('NATO should not expand');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('1 = 1')).toBe('1 = 1');
    expect(csvField(-1)).toBe('-1');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(['=x', 'y'])).toBe('"[""=x"",""y""]"');
  });
});
