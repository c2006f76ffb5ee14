/**
 * Each rule against the hand-made fixture: the clean fixture gives the rule nothing to say, and
 * one targeted change makes it report, at the right place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { checkDisclosure, RULES, type Finding } from './index.ts';
import { fixtureDisclosure, rowNumberTable } from './testing/fixture.ts';

const t = (d: Disclosure, no: number, nth = 0): DisclosureTable => d.tables.filter((x) => x.no === no)[nth]!;
const sec = (d: Disclosure, re: RegExp) => d.narrative.find((s) => re.test(s.heading))!;
const run = (d: Disclosure, rule: string): Finding[] => checkDisclosure(d, { only: [rule] });

interface Case {
  rule: string;
  change: (d: Disclosure) => void;
  /** What the finding must say or point at. */
  expect: { table?: number; section?: RegExp; message: RegExp; severity?: Finding['severity'] };
}

const CASES: Case[] = [
  { rule: 'table.missing', change: (d) => (d.tables = d.tables.filter((x) => x.no !== 9)), expect: { table: 9, message: /表9「项目支出预算表」缺失：目录列出该表/ } },
  { rule: 'table.toc-mismatch', change: (d) => (d.toc = d.toc.filter((l) => !l.startsWith('6.'))), expect: { table: 6, message: /目录未列出/ } },
  { rule: 'table.empty-note', change: (d) => delete t(d, 13).note, expect: { table: 13, message: /空表.*无债务支出预算安排/ } },
  { rule: 'narrative.section-missing', change: (d) => (d.narrative = d.narrative.filter((s) => !/政府采购/.test(s.heading))), expect: { section: /政府采购/, message: /缺少.*政府采购情况/ } },
  { rule: 'document.unplaced', change: (d) => (d.unplaced = [{ text: '无法识别的内容', reason: '表格之间的文字', source: { line: 12 } }]), expect: { message: /第12行未能归类/, severity: 'info' } },
  {
    rule: 'arith.function-levels',
    change: (d) => (t(d, 3).rows[2]![2] = '100.50'),
    expect: { table: 3, message: /“20103 政府办公厅\(室\)及相关机构事务”行“合计”列：所属各项之和应为100\.00万元，表中为100\.50万元/ },
  },
  { rule: 'arith.economic-levels', change: (d) => (t(d, 6).rows[2]![3] = '55.50'), expect: { table: 6, message: /“301 工资福利支出”行“.*人员经费”列：所属各款之和应为85\.50万元/ } },
  { rule: 'arith.total-basic-project', change: (d) => (t(d, 3).rows[3]![2] = '70.40'), expect: { table: 3, message: /“2010350 事业运行”行“合计”列：基本支出与项目支出之和应为70\.00万元/ } },
  { rule: 'arith.basic-split', change: (d) => (t(d, 5).rows[3]![4] = '60.80'), expect: { table: 5, message: /人员经费与公用经费之和应为70\.80万元/ } },
  { rule: 'arith.income-sources', change: (d) => (t(d, 2).rows[3]![3] = '69.00'), expect: { table: 2, message: /“2010350 事业运行”行“合计”列：各收入来源之和应为69\.00万元/ } },
  { rule: 'arith.list-totals', change: (d) => (t(d, 9).rows[1]![3] = '20.30'), expect: { table: 9, message: /“合计”行“合计”列：各行之和应为30\.30万元/ } },
  { rule: 'arith.three-public', change: (d) => (t(d, 7).rows[0]![0] = '2.50'), expect: { table: 7, message: /“三公”经费合计”：应为.*之和2\.00万元，表中为2\.50万元/ } },
  { rule: 'arith.income-expenditure-totals', change: (d) => (t(d, 1).rows[5]![1] = '131.00'), expect: { table: 1, message: /“本年收入合计”：应为本年各收入项之和130\.00万元，表中为131\.00万元/ } },
  {
    rule: 'cross.expenditure-total',
    change: (d) => (t(d, 1).rows[5]![3] = '140.00'),
    expect: { table: 3, message: /表1「收支预算总表」“本年支出合计”为140\.00万元，表3「支出预算总表」合计行“合计”为130\.00万元/ },
  },
  { rule: 'cross.summary-classes', change: (d) => (t(d, 1).rows[1]![3] = '31.00'), expect: { table: 3, message: /“二、住房保障支出”为31\.00万元.*“住房保障支出”类合计为30\.00万元/ } },
  { rule: 'cross.fiscal-summary', change: (d) => (t(d, 4).rows[0]![3] = '135.00'), expect: { table: 4, message: /“一、本年支出”为135\.00万元/ } },
  { rule: 'cross.general-budget', change: (d) => (t(d, 4).rows[1]![1] = '129.00'), expect: { table: 5, message: /一般公共预算拨款收入”（本年收入）为129\.00万元/ } },
  { rule: 'cross.fund-budget', change: (d) => (t(d, 4).rows[2]![1] = '5.00'), expect: { table: 8, message: /政府性基金预算拨款收入”（本年收入）为5\.00万元.*表8/ } },
  { rule: 'cross.basic-economic', change: (d) => (t(d, 6).rows[0]![4] = '11.00'), expect: { table: 6, message: /表5.*“公用经费”为10\.00万元，表6.*“公用经费”为11\.00万元/ } },
  { rule: 'cross.three-public-codes', change: (d) => (t(d, 6).rows[6]![2] = '3.00'), expect: { table: 7, message: /30231 公务用车运行维护费”为3\.00万元.*“公务用车运行费”为2\.00万元/ } },
  { rule: 'cross.projects', change: (d) => (t(d, 3).rows[0]![6] = '31.00'), expect: { table: 9, message: /表3.*“项目支出”为31\.00万元，表9.*项目支出合计为30\.00万元/ } },
  { rule: 'cross.function-table', change: (d) => (t(d, 10).rows[7]![2] = '31.00'), expect: { table: 10, message: /“2210201”行“合计”/ } },
  { rule: 'cross.economic-tables', change: (d) => (t(d, 11).rows[0]![4] = '31.00'), expect: { table: 11, message: /项目支出”为31\.00万元/ } },
  {
    rule: 'cross.economic-correspondence',
    change: (d) => {
      t(d, 11).rows[2]![2] = '86.00';
      t(d, 11).rows[3]![2] = '44.00';
    },
    expect: { table: 11, message: /表11.*“50501 工资福利支出”行“合计”为86\.00万元，表12.*（30101、30113）“合计”之和为85\.00万元/ },
  },
  {
    rule: 'print.decimals',
    change: (d) => (t(d, 3).rows[3]![3] = '70'),
    expect: { table: 3, severity: 'warning', message: /表3「支出预算总表」“基本支出.*”列：同一表中小数位数不一致.*“2010350”行“70”没有小数/ },
  },
  { rule: 'print.not-a-number', change: (d) => (t(d, 5).rows[3]![2] = '七十'), expect: { table: 5, severity: 'warning', message: /表5.*“2010350”行“.*合计”列应为金额，表中为“七十”/ } },
  {
    rule: 'print.formula-like-text',
    change: (d) => (t(d, 9).rows[1]![2] = '=HYPERLINK("http://x")'),
    expect: { table: 9, severity: 'warning', message: /表9.*第3列“=HYPERLINK\("http:\/\/x"\)”以公式字符开头/ },
  },
  {
    rule: 'code.catalog-name',
    change: (d) => (t(d, 6).rows[5]![1] = '印刷费'),
    expect: { table: 6, severity: 'error', message: /“30201 印刷费”行：经济分类科目30201为“办公费”，“印刷费”的科目编码为30202/ },
  },
  {
    rule: 'code.catalog-name',
    change: (d) => (t(d, 6).rows[7]![1] = '其他交通费甩'),
    expect: { table: 6, severity: 'warning', message: /“30239”行科目名称印为“其他交通费甩”，经济分类科目30239的名称为“其他交通费用”/ },
  },
  {
    rule: 'print.row-number',
    change: (d) =>
      d.tables.push(
        rowNumberTable([
          ['一、一般公共服务支出', '28', '0.00'],
          ['二、外交支出', '39', '0.00'],
          ['三、国防支出', '30', '0.00'],
          ['十二、农林水支出', '39', '0.00'],
        ]),
      ),
    expect: { table: 20, message: /“二、外交支出”行行次印为39，上下两行为28、30，应为29；行次39在表中重复出现/ },
  },
  {
    rule: 'narrative.amounts',
    change: (d) => (sec(d, /收支/).text = sec(d, /收支/).text.replace('项目支出30.00万元', '项目支出32.00万元')),
    expect: { section: /收支/, message: /“2\. 项目支出32\.00万元”|项目支出32\.00万元”，表3.*为30\.00万元/ },
  },
  { rule: 'narrative.placeholder', change: (d) => (sec(d, /三公/).text += '比上年增加(减少)0万元，主要原因是。'), expect: { section: /三公/, message: /增加\(减少\)/ } },
  {
    rule: 'narrative.year-reference',
    change: (d) => (sec(d, /收支/).text = sec(d, /收支/).text.replace('比2023年', '比2024年')),
    expect: { section: /收支/, message: /“比2024年预算”作比较.*应与2023年比较/ },
  },
  { rule: 'narrative.year-on-year', change: (d) => (sec(d, /收支/).text = sec(d, /收支/).text.replace('下降3.70%', '下降13.70%')), expect: { section: /收支/, message: /下降13\.70%.*应为3\.70%/ } },
  {
    rule: 'narrative.change-reason',
    change: (d) => (sec(d, /三公/).text = sec(d, /三公/).text.replace('，主要原因是公务用车运行维护费按实际需要调增', '')),
    expect: { section: /三公/, message: /变化达10%以上，未说明原因/ },
  },
  {
    rule: 'narrative.share-percent',
    change: (d) => (sec(d, /收支/).text += '其中基本支出100.00万元，占78.00%；项目支出30.00万元，占22.00%。'),
    expect: { section: /收支/, message: /100\.00万元占78\.00%.*应为76\.92%/ },
  },
  {
    rule: 'narrative.share-percent',
    change: (d) => (sec(d, /三公/).text += '因公出国（境）费0.50万元，占“三公”经费的5.00%；公务用车购置及运行费1.00万元，占“三公”经费的10.00%；公务接待费0.50万元，占“三公”经费的5.00%。'),
    expect: { section: /三公/, message: /1\.00万元占“三公”经费的10\.00%，按“三公”经费合计.*2\.00万元计算应为50\.00%/ },
  },
  {
    rule: 'narrative.year-on-year',
    change: (d) => (sec(d, /收支/).text += '2024年收、支预算总计130.00万元，与2023年相比收、支预算总计各减少5.00万元，下降3.90%，主要原因是人员减少。'),
    expect: { section: /收支/, message: /下降3\.90%，按上年135\.00万元、本年130\.00万元计算应为3\.70%/ },
  },
  {
    rule: 'narrative.restated-amount',
    change: (d) => (sec(d, /收支/).text += '此外，基本支出预算数为100.20万元。'),
    expect: { section: /收支/, severity: 'error', message: /“1\.基本支出100\.00万元”.*又称“基本支出预算数为100\.20万元”，同一金额前后不一致；表3「支出预算总表」合计行“基本支出”为100\.00万元/ },
  },
  {
    rule: 'narrative.parts-sum',
    change: (d) => (sec(d, /收支/).text = sec(d, /收支/).text.replace('上年结转结余0万元', '上年结转结余0.30万元')),
    expect: { section: /收支/, message: /称“收入预算130\.00万元”，其后所列.*之和为130\.30万元，大于所述合计130\.00万元/ },
  },
  {
    rule: 'cross.general-within-expenditure',
    change: (d) => (t(d, 5).rows[3]![2] = '80.00'),
    expect: { table: 3, message: /表5「一般公共预算支出表」“2010350 事业运行”合计为80\.00万元，大于表3「支出预算总表」同一科目的合计70\.00万元/ },
  },
  {
    rule: 'narrative.three-public-sum',
    change: (d) => (sec(d, /三公/).text = sec(d, /三公/).text.replace('2. 公务接待费0万元', '2. 公务接待费0.20万元')),
    expect: { section: /三公/, message: /称“三公”经费合计2\.00万元，其后所列因公出国（境）费0万元、公务用车购置及运行维护费2\.00万元、公务接待费0\.20万元之和为2\.20万元/ },
  },
  {
    rule: 'narrative.amount-unit',
    change: (d) => (sec(d, /收支/).text = sec(d, /收支/).text.replace('（二）支出预算130.00万元', '（二）支出预算130.00元')),
    expect: { section: /收支/, message: /称“（二）支出预算130\.00元”，金额单位写为“元”，同一数字在情况说明另处为130\.00万元.*应为130\.00万元/ },
  },
  {
    rule: 'narrative.operating-cost-items',
    change: (d) => (sec(d, /运行经费/).text = sec(d, /运行经费/).text.replace('公务用车运行维护费', '公务用车运行维护费、其他交通费用')),
    expect: { section: /运行经费/, message: /“其他交通费用”.*列为人员经费/ },
  },
  {
    rule: 'narrative.class-name',
    change: (d) => (sec(d, /收支/).text += '住房支出（221类）住房改革支出（02款）住房公积金（01项）30.00万元。'),
    expect: { section: /收支/, message: /“住房支出（221类）”，表中该类为“住房保障支出”/ },
  },
  {
    rule: 'narrative.item-amounts',
    change: (d) => (sec(d, /收支/).text += '住房保障支出（221类）住房改革支出（02款）住房公积金（01项）31.00万元。'),
    expect: { section: /收支/, message: /科目 2210201 为31\.00万元/ },
  },
  {
    rule: 'narrative.class-name',
    change: (d) => (sec(d, /收支/).text += '医疗卫生支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）0万元。'),
    expect: { section: /收支/, message: /“医疗卫生支出（210类）”，2024年政府收支分类科目中该类为“卫生健康支出”/ },
  },
  {
    rule: 'narrative.item-amounts',
    change: (d) => (sec(d, /收支/).text += '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）支出100.00万元。'),
    expect: {
      section: /收支/,
      severity: 'error',
      message: /称“.*事业运行（项）支出”为100\.00万元，表3「支出预算总表」“2010350 事业运行”为70\.00万元；100\.00万元是“20103 政府办公厅\(室\)及相关机构事务”款的合计/,
    },
  },
  {
    rule: 'narrative.duplicated-items',
    change: (d) => (sec(d, /绩效/).text += '\n（一）加强项目绩效目标管理工作。\n（二）开展项目绩效运行监控和评价工作。\n（一）加强项目绩效目标管理工作。\n（二）开展项目绩效运行监控和评价工作。'),
    expect: { section: /绩效/, message: /第（一）、（二）条重复印出两遍/ },
  },
  {
    rule: 'narrative.fund-scope',
    change: (d) => (sec(d, /绩效/).text += '项目支出全面实施绩效目标管理，涉及预算拨款150.00万元，均为一般公共预算拨款。'),
    expect: { section: /绩效/, message: /称“涉及预算拨款150\.00万元，均为一般公共预算拨款”，但“一、收支预算总体情况”所述“1\.一般公共预算拨款收入”只有130\.00万元/ },
  },
  {
    rule: 'narrative.performance',
    change: (d) => (sec(d, /绩效/).text = sec(d, /绩效/).text.replace('实际编制绩效目标的项目2个', '实际编制绩效目标的项目3个')),
    expect: { section: /绩效/, message: /实际编制绩效目标的项目3个.*2张/ },
  },
  { rule: 'narrative.project-period', change: (d) => (sec(d, /绩效/).text += '实施周期：2023年1月1日-2023年12月31日。'), expect: { section: /绩效/, message: /2023年1月1日-2023年12月31日”不含2024/ } },
  { rule: 'glossary.missing-code', change: (d) => d.glossary.splice(10, 1), expect: { section: /名词解释/, message: /2010350 事业运行.*名词解释|名词解释缺少.*2010350/ } },
  {
    rule: 'glossary.unused-code',
    change: (d) => d.glossary.push({ term: '一般公共服务（类）财政事务（款）行政运行（项）', text: '…' }),
    expect: { section: /名词解释/, message: /财政事务（款）行政运行（项）”解释的功能分类科目在表中未使用/ },
  },
  { rule: 'glossary.missing-term', change: (d) => (d.glossary = d.glossary.filter((g) => g.term !== '基本支出')), expect: { section: /名词解释/, message: /缺少“基本支出”/ } },
  { rule: 'perf.overall-funds', change: (d) => (t(d, 16).rows[2]![4] = '90.00'), expect: { table: 16, message: /任务资金之和为90\.00万元/ } },
  { rule: 'perf.coverage', change: (d) => (d.tables = d.tables.filter((x) => x.project !== '档案整理项目')), expect: { table: 9, message: /“档案整理项目”没有对应的项目绩效目标表/ } },
  { rule: 'perf.project-funds', change: (d) => (t(d, 17, 1).rows[1]![1] = '12.00'), expect: { table: 17, message: /项目“档案整理项目”）预算资金为12\.00万元，表9.*10\.00万元/ } },
  { rule: 'perf.indicator-levels', change: (d) => (t(d, 17).rows[6]![2] = '服务对象满意度指'), expect: { table: 17, message: /“服务对象满意度指”不完整/ } },
  { rule: 'perf.indicator-operator', change: (d) => (t(d, 17).rows[4]![4] = '≈'), expect: { table: 17, message: /运算符号“≈”/ } },
  { rule: 'perf.indicator-value', change: (d) => (t(d, 17).rows[4]![5] = '十二'), expect: { table: 17, message: /指标值“十二”不是数值/ } },
  {
    rule: 'perf.rate-percent',
    change: (d) => {
      const r = t(d, 17).rows[5]!;
      r[5] = '261';
      r[6] = '天';
    },
    expect: { table: 17, message: /“系统正常运行率”是比率，度量单位应为 %.*261 天/ },
  },
  { rule: 'perf.deadline-year', change: (d) => (t(d, 17).rows[4]![7] = '2025-06'), expect: { table: 17, message: /完成时限“2025-06”不在2024预算年度内/ } },
  { rule: 'perf.stale-congress', change: (d) => (t(d, 17).rows[2]![1] = '全面贯彻党的十九大精神，保障系统运行。'), expect: { table: 17, message: /系统维护项目.*“十九大”/ } },
  { rule: 'perf.copied-goals', change: (d) => (t(d, 17, 1).rows[2]![1] = t(d, 17, 0).rows[2]![1]!), expect: { table: 17, message: /“系统维护项目”、“档案整理项目”的总体目标文字完全相同/ } },
];

test('the clean fixture has no findings at all', () => {
  assert.deepEqual(
    checkDisclosure(fixtureDisclosure()).map((f) => `${f.rule}: ${f.message}`),
    [],
  );
});

test('every registered rule has a trigger case here', () => {
  const covered = new Set(CASES.map((c) => c.rule));
  assert.deepEqual(
    RULES.map((r) => r.id).filter((id) => !covered.has(id)),
    [],
  );
});

for (const c of CASES) {
  test(`${c.rule}: silent on the clean fixture, reports the planted problem`, () => {
    assert.deepEqual(run(fixtureDisclosure(), c.rule), []);
    const d = fixtureDisclosure();
    c.change(d);
    const found = run(d, c.rule);
    assert.ok(found.length > 0, `${c.rule} reported nothing`);
    const hit = found.find((f) => c.expect.message.test(f.message));
    assert.ok(hit, `${c.rule}: no message matching ${c.expect.message}; got:\n${found.map((f) => f.message).join('\n')}`);
    if (c.expect.table !== undefined) assert.equal(hit.location.table, c.expect.table);
    if (c.expect.section) assert.match(hit.location.section ?? '', c.expect.section);
    if (c.expect.severity) assert.equal(hit.severity, c.expect.severity);
    assert.equal(hit.rule, c.rule);
  });
}

test('print.decimals: a table printed wholly in whole numbers follows its own convention; one whole amount among decimals is reported', () => {
  const d = fixtureDisclosure();
  const t7 = t(d, 7);
  const printed = t7.rows[0]!.slice();
  // Whole 元 throughout (Shanghai district documents print that way): no finding.
  t7.rows[0] = printed.map((c) => c.replace(/\.\d\d$/, ''));
  assert.deepEqual(run(d, 'print.decimals'), []);
  // "15" among "12.50"s: the inconsistency is the defect.
  t7.rows[0] = printed.map((c, i) => (i === printed.findIndex((x) => /\.\d\d$/.test(x) && !/^0\.00$/.test(x)) ? c.replace(/\.\d\d$/, '') : c));
  const f = run(d, 'print.decimals');
  assert.ok(f.length > 0);
  for (const x of f) {
    assert.equal(x.location.table, 7);
    assert.match(x.message, /同一表中小数位数不一致/);
    assert.ok(x.location.column && x.location.row, 'names row and column');
  }
});

test('glossary code rules run only where the template requires an entry per code (Liaoning, not Shanghai)', () => {
  const d = fixtureDisclosure();
  d.glossary.splice(10, 1);
  assert.ok(run(d, 'glossary.missing-code').length > 0);
  d.template = 'shanghai-2026';
  assert.deepEqual(checkDisclosure(d, { only: ['glossary.missing-code', 'glossary.unused-code'] }), []);
});

test('a missing table is reported once, not by every rule that reads it', () => {
  const d = fixtureDisclosure();
  d.tables = d.tables.filter((x) => x.no !== 6);
  const about6 = checkDisclosure(d).filter((f) => f.location.table === 6 || /表6/.test(f.message));
  assert.deepEqual(
    about6.map((f) => f.rule),
    ['table.missing'],
  );
});

test('rounding noise (≤ 0.01 万元 per part) is info, not error', () => {
  const d = fixtureDisclosure();
  t(d, 3).rows[2]![2] = '100.01';
  const f = checkDisclosure(d, { only: ['arith.function-levels'] });
  assert.ok(f.length >= 1);
  for (const x of f) {
    assert.equal(x.severity, 'info');
    assert.match(x.message, /尾差/);
  }
  t(d, 3).rows[2]![2] = '100.03';
  assert.ok(checkDisclosure(d, { only: ['arith.function-levels'] }).some((x) => x.severity === 'error' && x.location.row === '20103'));
});

test('a crashing rule becomes one internal finding, the others still run', () => {
  const d = fixtureDisclosure();
  (d.tables[0] as { rows: unknown }).rows = null;
  d.tables = d.tables.filter((x) => x.no !== 9);
  const f = checkDisclosure(d);
  const crashes = f.filter((x) => x.rule === 'internal.rule-crash');
  assert.ok(crashes.length > 0);
  assert.match(crashes[0]!.message, /^规则 [a-z.-]+ 执行失败/);
  assert.ok(f.some((x) => x.rule === 'table.missing' && x.location.table === 9));
});
