/**
 * Reading documents no template describes: table titles by role, running headers, the year, the
 * layout family, and a table found by its title and read by its own header.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { matchFamily, titleKey } from './families.ts';
import { documentYear, genericTitles, runningLines, yearInName } from './generic-layout.ts';
import { splitLines } from './lines.ts';
import { readTextDisclosure } from './read-text.ts';
import { titleName, titleRole } from './table-titles.ts';

test('titleRole: the numbering and scope decorations real documents print are cut, the role comes from the wording', () => {
  const cases: [string, string][] = [
    ['预算 01表 收支总表', 'summary'],
    ['公开 02 表', ''],
    ['表1：2026年市级部门收支预算总表', 'summary'],
    ['2026 年单位收入总体情况表', 'income'],
    ['三、本年支出总体情况表', 'expenditure'],
    ['五、一般公共预算支出情况表（按功能分类科目）', 'general-expenditure'],
    ['一般公共预算支出表', 'general-expenditure'],
    ['六、一般公共预算基本支出情况表（按经济分类科目）', 'general-basic'],
    ['收支总表（预算表 1）', 'summary'],
    ['预算 09表 财政拨款“三公 ”经费支出表', 'three-public'],
    ['2026年预算单位政府性基金预算支出功能分类预算表', 'fund-expenditure'],
    ['国有资本经营预算财政拨款支出决算表', 'state-capital-expenditure'],
    ['一般公共预算机关运行经费支出预算表', 'operating-costs'],
    ['部门整体支出绩效目标表', 'overall-goal'],
    ['预算表12 项目支出绩效目标表', 'project-goal'],
    ['部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）', 'other'],
  ];
  for (const [title, role] of cases) assert.equal(titleRole(title)?.role ?? '', role, title);
  // Sentences and list entries are no titles.
  assert.equal(titleRole('详见《收支总表》。'), null);
  assert.equal(titleRole('2026年部门预算公开表'), null);
  assert.equal(titleName('表一 2026 年单位收支总体情况表'), '单位收支总体情况表');
});

test('genericTitles: a list of tables is not a table; a title wrapped onto a short line is one title', () => {
  const text = [
    '表1    部门综合预算收支总表',
    '表2    部门综合预算收入总表',
    '表3    部门综合预算支出总表',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '十一、一般公共预算“三公”经费、会议费、培训费支出预',
    '算表',
    '部门：         江苏省人民检察院                           单位：万元',
    '   合计      因公出国（境）费',
    '  583.35       110.00',
  ].join('\n');
  const g = genericTitles(splitLines(text), 0);
  assert.deepEqual(
    [...g.titles.values()].map((t) => t.key),
    ['three-public'],
  );
  assert.equal([...g.titles.keys()][0], 11);
  assert.ok(g.continued.has(12), 'the wrapped tail is skipped');
});

test('runningLines: a header repeated on every page is dropped, the year folded; documentYear and yearInName', () => {
  const page = (n: number) => `无锡市教育局 2026 年度部门预算公开\n表${n}\n内容 ${n}.00\n- ${n} -`;
  const lines = splitLines([1, 2, 3, 4].map(page).join('\f'));
  const dropped = [...runningLines(lines)].map((i) => lines[i]!.text);
  assert.ok(dropped.filter((t) => t.startsWith('无锡市教育局')).length === 4);
  assert.equal(documentYear(splitLines('封面\n2019年度部门预算公开表\n')), 2019);
  assert.equal(yearInName('/x/20_beijing-city-shenjiju-2026-dept-budget-tables.pdf'), 2026);
  assert.equal(yearInName('报表.pdf'), undefined);
});

test('matchFamily: a document whose titles follow a known family is named with its confidence', () => {
  assert.equal(titleKey('预算 01表 收支总表'), '收支总表');
  const beijing = [
    '预算 01表 收支总表',
    '预算02表 收入总表',
    '预算03表 支出总表',
    '预算04表 财政拨款收支总表',
    '预算05表 一般公共预算支出表',
    '预算 06表 一般公共预算基本支出表',
    '预算07表 政府性基金预算支出表',
    '预算08表 国有资本经营预算支出表',
    '预算 09表 财政拨款“三公 ”经费支出表',
    '预算10表 政府采购预算明细表',
    '预算 11表 财政拨款政府购买服务明细表',
    '预算表12 项目支出绩效目标表',
    '预算 13表 部门整体支出绩效目标表',
  ];
  const m = matchFamily(beijing, 'budget');
  assert.equal(m?.family.id, 'beijing-13');
  assert.equal(m?.share, 1);
  assert.equal(matchFamily(['某某表'], 'budget'), undefined);
});

test('a table no template describes is read by its own header: columns, 合计 first, letter-spaced labels', () => {
  const text = [
    '2026年某市审计局部门预算',
    '',
    '公开 03 表',
    '                              支出总表',
    '部门：某市审计局                                            单位：万元',
    '  科目编码          科目名称          合计          基本支出        项目支出',
    '                    合   计          4,651.67      4,312.17        339.50',
    '201             一般公共服务支出      2,906.63      2,567.13        339.50',
    '  20108         审计事务              2,906.63      2,567.13        339.50',
    '      2010801   行政运行              2,342.00      2,342.00',
    '      2010802   一般行政管理事务        339.50                      339.50',
    '      2010850   事业运行                225.13        225.13',
  ].join('\n');
  const { disclosure: d } = readTextDisclosure(text, { file: 'x.txt' });
  assert.equal(d.template, 'unknown');
  assert.equal(d.year, 2026);
  const t = d.tables[0]!;
  assert.equal(t.key, 'expenditure');
  assert.deepEqual(t.header[t.header.length - 1], ['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
  assert.deepEqual(
    t.rows.find((r) => r[0] === '2010802'),
    ['2010802', '一般行政管理事务', '339.50', '', '339.50'],
  );
  assert.deepEqual(
    t.rows.find((r) => r[0] === '2010850'),
    ['2010850', '事业运行', '225.13', '225.13', ''],
  );
});
