import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishSentences, visibleText } from './english-sentences.ts';

const words = (text: string) => englishSentences(text).map((s) => s.words);

test('English sentences are found, in Chinese text too', () => {
  assert.deepEqual(words('gongkai: the budget is not valid'), ['the budget is not valid']);
  assert.deepEqual(words('lines[3].amount: Invalid input: expected string'), ['Invalid input expected string']);
  assert.deepEqual(words('已保存。built 6 of 8 inputs in 1.2 s'), ['built of inputs in s']);
  assert.deepEqual(words('warning: no name known for function code 2010351'), ['warning no name known for function code']);
});

test('ids, paths, flags, placeholders and known terms are not sentences', () => {
  for (const ok of [
    '用法： gongkai build [options] [budget.json]',
    '  --batch <dir|file...>  批量检查',
    '  -o, --output <dir>     输出文件夹',
    'fixtures/yingkou-2024/budget.json：预算数据有 2 处错误',
    'table.missing                      错误    模板规定的公开表格缺失',
    '第4条支出明细（lines[3]）金额不能为负数',
    '输出预算数据的输入格式（JSON Schema）',
    '每个输入一行 JSON（JSON Lines），含其检查结果',
    '内容哈希 sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f9 已核对',
    '设置 DATABASE_URL=postgres://user@host/db 时使用 PostgreSQL',
    '可选 function、dept-econ、gov-econ',
    'html,xlsx,pdf,data 或 all',
    'pdf   完全一致（120 毫秒）',
    'C:\\Users\\wang\\预算.json',
    'See `gongkai schema --output schema.json` here',
  ]) {
    assert.deepEqual(englishSentences(ok), [], ok);
  }
});

test('visibleText keeps what a reader sees and drops scripts, styles and markup', () => {
  const html =
    '<html><head><style>.a { color: red }</style><script>if (a) run the code now</script></head><body><h1>预算</h1><p title="Click here to download">下载 &amp; 查看</p><img alt="a chart of spending"></body></html>';
  const text = visibleText(html);
  assert.match(text, /预算/);
  assert.match(text, /下载 & 查看/);
  assert.doesNotMatch(text, /run the code/);
  assert.deepEqual(words(text).sort(), ['Click here to download', 'a chart of spending']);
});
