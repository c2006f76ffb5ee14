/**
 * Planted defects (and their look-alikes that are not defects) for the checks that read the
 * narrative against itself, the codes against the catalogue and the row numbers: each case changes
 * the clean fixture in one place, as real documents in fixtures/real do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { checkDisclosure, type Finding } from './index.ts';
import { fixtureDisclosure, rowNumberTable } from './testing/fixture.ts';

const t = (d: Disclosure, no: number): DisclosureTable => d.tables.find((x) => x.no === no)!;
const sec = (d: Disclosure, re: RegExp) => d.narrative.find((s) => re.test(s.heading))!;
const run = (d: Disclosure, rule: string): Finding[] => checkDisclosure(d, { only: [rule] });
const serious = (f: Finding[]) => f.filter((x) => x.severity !== 'info');

function withText(heading: RegExp, text: string): Disclosure {
  const d = fixtureDisclosure();
  sec(d, heading).text += text;
  return d;
}

test('share-percent: shares of a named base that add to 100 are recomputed (37: 设备 7.90% of 4295.98 is 7.80%)', () => {
  const text = '固定资产总额为200.00万元，房屋150.00万元，占固定资产总额的75.00%；设备40.00万元，占固定资产总额的21.00%；无形资产10.00万元占固定资产总额的4.00%。';
  const f = run(withText(/国有资产/, text), 'narrative.share-percent');
  assert.equal(f.length, 2);
  assert.match(f[0]!.message, /情况说明“五、国有资产占用情况”称40\.00万元占固定资产总额的21\.00%，按合计200\.00万元计算应为20\.00%/);
  assert.match(f[1]!.message, /10\.00万元占固定资产总额的4\.00%.*应为5\.00%/);
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(run(withText(/国有资产/, text.replace('21.00%', '20.00%').replace('4.00%', '5.00%')), 'narrative.share-percent'), []);
});

test('share-percent: the three 三公 shares divided by another total (11: 8.75% of 三公 is 26.69%); a gap under 0.05 points is a hint', () => {
  const wrongBase = '因公出国（境）费0.50万元，占“三公”经费的2.50%；公务用车购置及运行费1.00万元，占“三公”经费的5.00%；公务接待费0.50万元，占“三公”经费的2.50%。';
  const f = run(withText(/三公/, wrongBase), 'narrative.share-percent');
  assert.equal(serious(f).length, 3);
  assert.match(f[0]!.message, /0\.50万元占“三公”经费的2\.50%，按“三公”经费合计（因公出国（境）费、公务用车购置及运行费、公务接待费之和）2\.00万元计算应为25\.00%/);
  // 09: 110 / 584.35 = 18.82% printed 18.85%: rounding-sized, a hint only.
  const slight = '因公出国（境）费110.00万元，占“三公”经费的18.85%；公务用车购置及运行费317.80万元，占“三公”经费的54.39%；公务接待费156.55万元，占“三公”经费的26.79%。';
  const h = run(withText(/三公/, slight), 'narrative.share-percent');
  assert.equal(h.length, 1);
  assert.equal(h[0]!.severity, 'info');
  assert.match(h[0]!.message, /110\.00万元占“三公”经费的18\.85%.*应为18\.82%（相差不足0\.05个百分点/);
});

test('year-on-year: "收、支总计各增加X万元，增长Y%" recomputed against total − increase (39: 35.74% for 35.94%)', () => {
  const f = run(withText(/收支/, '2024年收、支总计22066.59万元，与2023年相比，收、支总计各增加5834.37万元，增长35.74%。主要原因是业务增加。'), 'narrative.year-on-year');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /称增长35\.74%，按上年16,232\.22万元、本年22,066\.59万元计算应为35\.94%/);
});

test('year-on-year: the item just before "较上年" is a subject too; small amounts allow what their rounding allows', () => {
  // 35: "…支出4,005.29万元，其中：（1）工资福利支出2,981.28万元，较上年增加117.32万元，增长4.10%" is about 2,981.28.
  const item = '本部门一般公共预算支出4,005.29万元，其中：（1）工资福利支出2,981.28万元，较上年增加117.32万元，增长4.10%，主要原因是人员增加。';
  assert.deepEqual(run(withText(/收支/, item), 'narrative.year-on-year'), []);
  assert.equal(run(withText(/收支/, item.replace('4.10%', '5.10%')), 'narrative.year-on-year').length, 1);
  // 02: 0.50 → 0.62 万元 "增加22.22%": 0.505 → 0.6175 is 22.3%, within the printed amounts' rounding.
  const small = '其他支出2025年执行数为0.50万元，2026年预算安排0.62万元，比2025年执行数增加22.22%。主要原因是支出增加。';
  assert.deepEqual(run(withText(/收支/, small), 'narrative.year-on-year'), []);
  assert.equal(run(withText(/收支/, small.replace('22.22%', '32.22%')), 'narrative.year-on-year').length, 1);
});

test('change-reason: one reason after the same change restated (02), and a new classification item (14), explain the change', () => {
  const restated =
    '收入预算130.00万元，比2023年预算增加30.00万元；支出预算130.00万元，比2023年预算增加30.00万元。一般公共预算拨款支出预算130.00万元，比2023年预算增加30.00万元；政府性基金拨款支出预算0万元，与2023年预算持平；国有资本经营预算拨款支出预算0万元，与2023年预算持平。财政拨款收入支出增加的主要原因是业务量增加。';
  assert.deepEqual(run(withText(/收支/, restated), 'narrative.change-reason'), []);
  assert.ok(run(withText(/收支/, restated.replace('财政拨款收入支出增加的主要原因是业务量增加。', '')), 'narrative.change-reason').length > 0);
  assert.deepEqual(run(withText(/收支/, '机关事业单位基本养老保险缴费（项）支出7.00万元，与上年相比增加7.00万元。此项级科目为今年新增科目。'), 'narrative.change-reason'), []);
});

test('parts-sum: a bare list of projects short of its total, with the projects table giving the right figure (37: 15.56 for 16.56)', () => {
  const d = withText(/绩效/, '项目支出预算30.00万元，系统维护项目20.00万元，档案整理项目9.00万元。');
  const f = run(d, 'narrative.parts-sum');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /之和为29\.00万元，不等于所述合计30\.00万元；表9「项目支出预算表」中该项为10\.00万元.*“档案整理项目9\.00万元”有误/);
  // A selection ("主要用于…") may not add up, and a list a cent off is rounding.
  assert.deepEqual(run(withText(/绩效/, '项目支出预算30.00万元，主要用于系统维护项目20.00万元。'), 'narrative.parts-sum'), []);
  assert.deepEqual(run(withText(/收支/, '政府采购预算3.01万元，其中：货物1.00万元、服务2.00万元。'), 'narrative.parts-sum'), []);
});

test('parts-sum: a total closing the sentence before "收入…包括：…；支出包括：…" (38: 18,728.91 for 18,728.94)', () => {
  const f = run(
    withText(/收支/, '财政拨款收支总预算130.03万元。收入全部为一般公共预算拨款，包括：当年拨款收入130.00万元、上年结转0.06万元；支出包括：一般公共服务支出100.06万元，住房保障支出30.00万元。'),
    'narrative.parts-sum',
  );
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /“财政拨款收支总预算130\.03万元”，其后所列当年拨款收入130\.00万元、上年结转0\.06万元之和为130\.06万元，大于所述合计130\.03万元/);
});

test('restated-amount: the same quantity in two sections, without a table to say which (09: 12323.46 and 12323.48) is a warning', () => {
  const d = fixtureDisclosure();
  d.tables = d.tables.filter((x) => x.no !== 3);
  sec(d, /收支/).text += '此外，基本支出预算数为100.20万元。';
  const f = run(d, 'narrative.restated-amount');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  // A fund's own figures (财政拨款基本支出) are another quantity.
  assert.deepEqual(run(withText(/收支/, '财政拨款基本支出预算90.00万元。'), 'narrative.restated-amount'), []);
});

test('amount-unit: a figure in 元 is reported only when the narrative states the same figure in 万元', () => {
  assert.equal(run(withText(/收支/, '2024年预算支出130.00元。'), 'narrative.amount-unit').length, 1);
  assert.deepEqual(run(withText(/收支/, '人均补助2,000.00元。'), 'narrative.amount-unit'), []);
});

test('code.catalog-name: names read out of place (the rows around disagree too) are not held against the code', () => {
  const d = fixtureDisclosure();
  const rows = t(d, 6).rows;
  // A reading that shifted the name cells by one row: every name belongs to the row above.
  rows[5]![1] = '商品和服务支出';
  rows[6]![1] = '办公费';
  rows[7]![1] = '公务用车运行维护费';
  assert.deepEqual(run(d, 'code.catalog-name'), []);
});

test('code.catalog-name: a document older than the loaded catalogue is not checked against it', () => {
  const d = fixtureDisclosure();
  d.year = 2017;
  t(d, 6).rows[5]![1] = '印刷费';
  assert.deepEqual(run(d, 'code.catalog-name'), []);
});

test('print.row-number: a run that continues (28, 29, 30) or a number printed once is not reported', () => {
  const d = fixtureDisclosure();
  const table = rowNumberTable([
    ['一、一般公共服务支出', '28', '0.00'],
    ['二、外交支出', '29', '0.00'],
    ['三、国防支出', '30', '0.00'],
  ]);
  d.tables.push(table);
  assert.deepEqual(run(d, 'print.row-number'), []);
  table.rows[1]![1] = '41';
  assert.deepEqual(run(d, 'print.row-number'), [], 'printed once: a skipped number, not a repeated one');
});

test('cross.summary-classes: classes a cent apart between tables that print the same total are tail adjustments (03)', () => {
  const d = fixtureDisclosure();
  const t1 = t(d, 1);
  t1.rows[0]![3] = '100.01';
  t1.rows[1]![3] = '29.99';
  const f = run(d, 'cross.summary-classes');
  assert.ok(f.length > 0);
  for (const x of f) {
    assert.equal(x.severity, 'info');
    assert.match(x.message, /尾差/);
  }
});

test('duplicated-items: numbered duties printed twice are reported once, naming the items (01: （六）–（十）)', () => {
  const d = fixtureDisclosure();
  d.profile = [{ heading: '主要职能', text: '本单位主要职责是：', part: 'profile' }];
  const profile = d.profile[0]!;
  const items = '\n（一）负责本单位营商环境建设的统筹协调工作。\n（二）承担营商环境评价的组织实施工作。\n';
  profile.text += items;
  assert.deepEqual(run(d, 'narrative.duplicated-items'), []);
  profile.text += items;
  const f = run(d, 'narrative.duplicated-items');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /第（一）、（二）条重复印出两遍/);
  assert.equal(f[0]!.severity, 'warning');
});

test('three-public-sum: the 三公 total against the three kinds the narrative then states (40: 804,395.02元 for 804,395.20元)', () => {
  const stated = (total: string, car = '公务用车购置及运行维护费预算为224,395.20元') => {
    const d = fixtureDisclosure();
    sec(d, /三公/).text = `“三公”经费预算合计${total}，较上年增加0元，增长0.00%。（一）因公出国（境）费预算为0.00元，较上年减少0.00元。（二）公务接待费预算为580000.00元。（三）${car}。`;
    return d;
  };
  const f = run(stated('804,395.02元'), 'narrative.three-public-sum');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.expected, '804,395.20元');
  assert.match(f[0]!.message, /称“三公”经费合计804,395\.02元，其后所列因公出国（境）费0\.00元、公务用车购置及运行维护费224,395\.20元、公务接待费580000\.00元之和为804,395\.20元/);
  assert.deepEqual(run(stated('804,395.20元'), 'narrative.three-public-sum'), []);
  // The car's two costs stated apart add up the same.
  assert.deepEqual(run(stated('804,395.20元', '公务用车购置费100,000.00元，公务用车运行维护费124,395.20元'), 'narrative.three-public-sum'), []);
  // 万元 figures rounded one by one: 0.67 × 3 against 2.00 is rounding.
  const d = fixtureDisclosure();
  sec(d, /三公/).text = '“三公”经费预算2.00万元，其中：因公出国（境）费0.67万元，公务用车购置及运行费0.67万元，公务接待费0.67万元。';
  assert.deepEqual(run(d, 'narrative.three-public-sum'), []);
});

test('three-public-sum: a final account states the budget beside the spending, so its total is not the parts’ (39)', () => {
  const d = fixtureDisclosure();
  d.kind = 'final-account';
  sec(d, /三公/).text =
    '2024年度“三公”经费财政拨款支出预算为76.43万元，支出决算为46.21万元。其中：因公出国（境）费支出决算为4.69万元；公务用车购置及运行费支出决算为40.61万元；公务接待费支出决算为0.9万元。';
  assert.deepEqual(run(d, 'narrative.three-public-sum'), []);
});

test('formula-like-text guards the data we write from a budget, so a document read from its print is not flagged (Beijing 22: "-行政运行 …")', () => {
  const d = fixtureDisclosure();
  t(d, 9).rows[1]![1] = '-行政运行 50101-工资奖金津补贴';
  assert.equal(run(d, 'print.formula-like-text').length, 1);
  d.source = { file: 'x.pdf', format: 'pdf' };
  assert.deepEqual(run(d, 'print.formula-like-text'), []);
});
