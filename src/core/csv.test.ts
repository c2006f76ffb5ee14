import assert from 'node:assert/strict';
import test from 'node:test';
import { csvField, parseCsvKeepBlank } from './csv.ts';

test('csvField: text a spreadsheet would run is defused with an apostrophe; numbers stay numbers; reading back is exact', () => {
  const values = ['=HYPERLINK("http://evil.example","点击")', '+1+1', '@SUM(A1)', '-2+3', '\tx', "'=already", "''+x", '-1,234.56', '-12.5%', '普通文字', 'a,b', '"引号"', ''];
  const line = values.map(csvField).join(',');
  assert.match(line, /^"'=HYPERLINK/);
  assert.ok(line.includes(',-1,234.56,') === false && line.includes('"-1,234.56"'), 'a negative amount is quoted, not defused');
  assert.ok(!line.includes("'-1,234.56") && !line.includes("'-12.5%"));
  assert.deepEqual(parseCsvKeepBlank(line)[0], values);
});
