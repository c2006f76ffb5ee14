// Jiangsu 06 tables 2 (two label levels) and 12 (labels wrapped over several lines) read cell by
// cell from the corpus document; the values are those printed in its lines 356–374 and 650–786.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { DisclosureTable } from '../../core/disclosure.ts';
import { parsePrintedCents } from '../../core/money.ts';
import { readTextDisclosure } from './read-text.ts';

const NAME = '06_jiangsu-jianchayuan-2019-dept-budget.txt';
const { disclosure, problems } = readTextDisclosure(readFileSync(new URL(`../../../fixtures/corpus/${NAME}`, import.meta.url), 'utf8'), { file: NAME });
const table = (no: number): DisclosureTable => {
  const t = disclosure.tables.find((x) => x.no === no);
  assert.ok(t, `table ${no}`);
  return t;
};
/** The row printed on a line of the document. */
const rowAtLine = (t: DisclosureTable, line: number): string[] => {
  const i = t.rowSources!.findIndex((s) => s.line === line);
  assert.ok(i >= 0, `table ${t.no}: a row at line ${line}`);
  return t.rows[i]!;
};

test('06 table 2 收入预算总表: group labels, their parts and the total in the template columns', () => {
  const t = table(2);
  assert.deepEqual(t.header, [['项目名称', '', '金额']]);
  assert.ok(t.rows.every((r) => r.length === 3));
  assert.deepEqual(t.rows[0], ['收入总计', '', '24169.74']);
  assert.deepEqual(t.rows[1], ['', '小计', '24169.74']);
  assert.deepEqual(rowAtLine(t, 361), ['一般公共预算资金', '公共财政拨款（补助）资金', '24169.74']);
  assert.deepEqual(rowAtLine(t, 362), ['', '专项收入', '']);
  assert.deepEqual(rowAtLine(t, 363), ['政府性基金', '小计', '']);
  assert.deepEqual(rowAtLine(t, 365), ['财政专户管理资金', '专户管理教育收费', '']);
  assert.deepEqual(rowAtLine(t, 369), ['其他资金', '', '']);
  assert.deepEqual(rowAtLine(t, 373), ['上年结转和结余资金', '', '']);
  assert.deepEqual(t.rows.at(-1), ['', '其中：动用上年结转和结余资金', '']);
  assert.equal(t.rows.length, 16);
});

test('06 table 12 政府采购支出预算表: wrapped cells joined into the row of their amount', () => {
  const t = table(12);
  assert.deepEqual(t.header, [['采购品目大类', '专项名称', '经济科目', '采购物品名称', '采购组织形式', '总计']]);
  assert.ok(t.rows.every((r) => r.length === 6));
  // "合   计" kept as printed, with its spaces.
  assert.deepEqual(t.rows[0], ['合   计', '', '', '', '', '2,744.84']);
  assert.deepEqual(rowAtLine(t, 660), ['一、货物 A', '', '', '', '', '303.40']);
  assert.deepEqual(rowAtLine(t, 662), ['', '办公设备购置', '办公设备购置', '', '', '9.00']);
  // An item name printed above and below its amount line.
  assert.deepEqual(rowAtLine(t, 665), ['', '', '', '台式计算机（20万以下）', '分散自行组织', '9.00']);
  assert.deepEqual(rowAtLine(t, 669), ['', '办公、办案设备更新购置费', '办公设备购置', '', '', '131.40']);
  assert.deepEqual(rowAtLine(t, 681), ['', '', '', '打印设备（20 万以上）', '部门集中采购', '5.00']);
  // Consecutive one-line items stay apart.
  assert.deepEqual(rowAtLine(t, 684), ['', '', '', '复印机', '部门集中采购', '8.00']);
  assert.deepEqual(rowAtLine(t, 686), ['', '', '', '其他办公设备', '部门集中采购', '83.40']);
  // A five-line name and a two-line economic class around one amount line.
  assert.deepEqual(rowAtLine(t, 694), ['', '网络、电子检务、实验室、机要通道、档案数字化系统运行维护费', '信息网络及软件购置更新', '', '', '100.00']);
  // Next page, shifted left by pdftotext: columns found again from the page's own positions.
  assert.deepEqual(rowAtLine(t, 712), ['', '', '', '其他专用设备', '分散自行组织', '63.00']);
  assert.deepEqual(rowAtLine(t, 714), ['三、服务 C', '', '', '', '', '2,441.44']);
  assert.deepEqual(rowAtLine(t, 726), ['', '', '', '软件开发服务', '部门集中采购', '70.00']);
  assert.deepEqual(rowAtLine(t, 729), ['', '', '', '信息系统集成实施服务', '分散自行组织', '150.00']);
  assert.deepEqual(rowAtLine(t, 739), ['', '网络运行维护费', '维修（护）费', '', '', '4.00']);
  // Page 23 prints no 采购品目大类: its four label groups are numbered from the procurement forms.
  assert.deepEqual(rowAtLine(t, 774), ['', '', '', '物业管理服务', '部门集中采购', '320.00']);
  assert.deepEqual(rowAtLine(t, 781), ['', '检察教育培训经费', '培训费', '', '', '630.00']);
  assert.deepEqual(t.rows.at(-1), ['', '', '', '专业技能培训服务', '分散自行组织', '630.00']);
  assert.equal(t.rows.length, 41);
  assert.match(t.note ?? '', /^注：1\.采购组织形式为/);
  assert.deepEqual(
    problems.filter((p) => /表(?:2|12) /.test(p.message)),
    [],
  );
});

test('06 table 12: the categories sum to the printed total (no amount lost or doubled)', () => {
  const t = table(12);
  const fen = (s: string) => parsePrintedCents(s) ?? Number.NaN;
  const categories = t.rows.filter((r) => /^[一二三四五六七八九十]+、/.test(r[0]!));
  assert.equal(categories.length, 2);
  assert.equal(
    categories.reduce((a, r) => a + fen(r[5]!), 0),
    fen(t.rows[0]![5]!),
  );
  // Items (rows with a procurement form) of 货物 sum to its 303.40.
  const goodsEnd = t.rows.findIndex((r) => r[0] === '三、服务 C');
  const items = t.rows.slice(2, goodsEnd).filter((r) => r[4]);
  assert.equal(
    items.reduce((a, r) => a + fen(r[5]!), 0),
    30340,
  );
});
