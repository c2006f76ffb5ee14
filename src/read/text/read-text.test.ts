import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import type { Disclosure, DisclosureTable } from '../../core/disclosure.ts';
import { readTextBytes } from '../index.ts';
import { norm } from './normalize.ts';
import { readTextDisclosure } from './read-text.ts';

const CORPUS = new URL('../../../fixtures/corpus/', import.meta.url);
const load = (name: string) => readFileSync(new URL(name, CORPUS), 'utf8');
const read = (name: string) => readTextDisclosure(load(name), { file: name });

const YINGKOU = 'yingkou-business-env-center-2024-budget.txt';

function table(d: Disclosure, no: number): DisclosureTable {
  const t = d.tables.find((x) => x.no === no);
  assert.ok(t, `table ${no} found`);
  return t;
}
function row(t: DisclosureTable, code: string): string[] {
  const r = t.rows.find((x) => x[0] === code);
  assert.ok(r, `table ${t.no} row ${code}`);
  return r;
}
/** The cell printed right after a label (收入总计 → its amount). */
function after(t: DisclosureTable, label: RegExp): string[] {
  const out: string[] = [];
  for (const r of t.rows) {
    r.forEach((c, i) => {
      if (label.test(norm(c))) out.push(r[i + 1] ?? '');
    });
  }
  return out;
}

test('Yingkou: document facts, template and tables found', () => {
  const { disclosure: d } = read(YINGKOU);
  assert.equal(d.year, 2024);
  assert.equal(d.unit.name, '营口市营商环境建设中心（营口市公共资源交易中心）');
  assert.equal(d.unit.code, '041002');
  assert.equal(d.kind, 'budget');
  assert.equal(d.scope, 'unit');
  assert.equal(d.amountUnit, '万元');
  assert.equal(d.template, 'liaoning-2024');
  assert.deepEqual(
    d.tables.map((t) => t.no),
    [1, 3, 4, 5, 6, 7, 8, 16, 17, 17, 17, 17, 17, 17, 17, 17, 17],
  );
  assert.deepEqual(d.tables.map((t) => t.key).slice(0, 8), ['summary', 'expenditure', 'fiscal-summary', 'general-expenditure', 'general-basic', 'three-public', 'fund-expenditure', 'overall-goal']);
  for (const t of d.tables) {
    assert.ok(t.source?.line && t.source.file === YINGKOU, `table ${t.no} has a source`);
    assert.equal(t.rowSources?.length, t.rows.length);
  }
});

test('Yingkou: table cells as printed', () => {
  const { disclosure: d } = read(YINGKOU);
  const t1 = table(d, 1);
  assert.deepEqual(after(t1, /^收入总计$/), ['1,861.38']);
  assert.deepEqual(after(t1, /^支出总计$/), ['1,861.38']);
  assert.deepEqual(t1.rows[0], ['一、一般公共预算拨款收入', '1,861.38', '一、一般公共服务支出', '1,684.78']);
  assert.equal(t1.unitLabel, '单位：万元');
  assert.deepEqual(row(table(d, 3), '2010350'), ['2010350', '事业运行', '792.49', '792.49', '741.31', '51.18', '']);
  assert.deepEqual(row(table(d, 3), '2010399'), ['2010399', '其他政府办公厅(室)及相关机构事务支出', '892.29', '', '', '', '892.29']);
  assert.deepEqual(table(d, 3).rows[0], ['', '合计', '1,861.38', '969.09', '917.91', '51.18', '892.29']);
  assert.deepEqual(after(table(d, 4), /^收入总计$/), ['1,861.38']);
  assert.equal(table(d, 5).header.length, 3);
  assert.deepEqual(row(table(d, 5), '2080505'), ['2080505', '机关事业单位基本养老保险缴费支出', '100.91', '100.91', '100.91', '', '']);
  const t6 = table(d, 6);
  assert.deepEqual(t6.header[1], ['科目编码', '科目名称', '合计', '人员经费', '公用经费']);
  assert.deepEqual(row(t6, '30239'), ['30239', '其他交通费用', '17.76', '17.76', '']);
  assert.deepEqual(row(t6, '30231'), ['30231', '公务用车运行维护费', '2.25', '', '2.25']);
  assert.deepEqual(table(d, 7).rows, [['2.25', '', '2.25', '', '2.25', '']]);
  const t8 = table(d, 8);
  assert.deepEqual(t8.rows, [['', '合计', '', '', '']]);
  assert.equal(t8.note, '备注：如此表为空表，则表示部门无政府性基金预算安排的支出。');
});

test('Yingkou: goal tables as label/value grids, realigned where a blank operator shifted columns', () => {
  const { disclosure: d, problems } = read(YINGKOU);
  const t16 = table(d, 16);
  assert.deepEqual(t16.rows[0], ['部门（单位）名称', '041002营口市营商环境建设中心（营口市公共资源交易中心）-210800000']);
  assert.deepEqual(
    t16.rows.find((r) => r[3] === '依法行政能力'),
    ['', '', '基础管理', '依法行政能力', '', '管理规范', '', '2024年12月'],
  );
  assert.deepEqual(
    t16.rows.find((r) => r[3] === '政府采购管理违法违规行为发生次数'),
    ['', '', '业务管理', '政府采购管理违法违规行为发生次数', '=', '0', '次', '2024年12月'],
  );
  assert.ok(
    problems.some((p) => p.source?.line === 341),
    'the realignment is reported',
  );

  const goals = d.tables.filter((t) => t.no === 17);
  assert.equal(goals.length, 9);
  assert.deepEqual(
    goals.map((t) => t.project),
    [
      '系统维护服务费',
      '公共资源交易业务服务费',
      '公共资源交易业务运转费',
      '项目评审费',
      '经费补贴款（中心）',
      '劳务派遣人员经费（中心）',
      '律师费（营商中心）',
      '12345综合服务平台劳务派遣人员费项目',
      '12345综合服务平台运行经费',
    ],
  );
  const first = goals[0]!;
  assert.deepEqual(
    first.rows.find((r) => r[3] === '网络系统正常运行率'),
    ['', '', '质量指标', '网络系统正常运行率', '=', '261', '天', '2024-12'],
  );
  assert.deepEqual(
    first.rows.find((r) => r[0] === '预算资金情况'),
    ['预算资金情况', '9.00'],
  );
  assert.ok(
    first.rows.some((r) => r[2] === '服务对象满意度指'),
    'truncated label kept as printed',
  );
  const last = goals[8]!;
  assert.deepEqual(
    last.rows.find((r) => r[3] === '人员到位率'),
    ['', '', '可持续影响指标', '人员到位率', '=', '100', '%', '2024-12'],
  );
});

test('Yingkou: contents list, narrative, profile, glossary, unplaced', () => {
  const { disclosure: d } = read(YINGKOU);
  const tocTables = d.toc.filter((e) => /^\d+\.\s/.test(e));
  assert.equal(tocTables.length, 17);
  assert.equal(tocTables[16], '17. 部门预算项目（政策）绩效目标表');
  assert.deepEqual(
    d.narrative.map((s) => s.heading),
    ['一、收支预算总体情况', '二、事业运行经费安排情况', '三、政府采购情况', '四、“三公”经费预算情况', '五、国有资产占用情况', '六、项目预算绩效目标情况'],
  );
  const overview = d.narrative[0]!.text;
  assert.match(overview, /减少 54\.20 万元，增减变化的主要原因是/, 'wrapped lines joined');
  assert.match(d.narrative[3]!.text, /比2023年增加\(减少\)0万元/);
  assert.deepEqual(
    d.profile?.map((s) => s.heading),
    ['一、部门职责', '二、机构设置'],
  );
  assert.equal(d.glossary.length, 16);
  assert.equal(d.glossary[0]!.term, '财政拨款收入');
  assert.equal(d.glossary[8]!.term, '一般公共服务（类）财政事务（款）事业运行（项）');
  assert.match(d.glossary[5]!.text, /公务用车购置费及租用费/, 'entry continued after a blank line');
  assert.equal(d.glossary[15]!.term, '机关运行经费');
  assert.deepEqual(
    d.unplaced?.map((u) => u.text),
    ['该部分内容详见附表'],
  );
});

test('Shanghai 01 (department budget): facts, 9 tables in 元 and 万元, totals as printed', () => {
  const { disclosure: d } = read('01_shanghai-putuo-sifaju-2026-dept-budget.txt');
  assert.deepEqual([d.year, d.unit.name, d.kind, d.scope, d.template, d.amountUnit], [2026, '上海市普陀区司法局', 'budget', 'department', 'shanghai-2026', '万元']);
  assert.deepEqual(
    d.tables.map((t) => t.no),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual(
    d.tables.map((t) => t.amountUnit ?? '万元'),
    ['元', '元', '元', '元', '元', '元', '元', '元', '万元'],
  );
  const t1 = table(d, 1);
  assert.deepEqual(after(t1, /^收入总计$/), ['96,282,213.44']);
  assert.deepEqual(after(t1, /^支出总计$/), ['96,282,213.44']);
  assert.deepEqual(row(table(d, 2), '2040601'), ['2040601', '行政运行', '16726725.44', '16726725.44', '0.00', '0.00', '0.00']);
  // Table 5 continues on a second page with its header repeated: rows appended, header dropped.
  const t5 = table(d, 5);
  assert.deepEqual(row(t5, '2210201'), ['2210201', '住房公积金', '2087959.00', '2087959.00', '0.00']);
  assert.deepEqual(t5.rows[t5.rows.length - 1], ['', '合计', '96282213.44', '25741666.44', '70540547.00']);
  assert.equal(t5.rows.length, 22);
  assert.match(table(d, 6).note ?? '', /故本表为空表/);
  assert.deepEqual(table(d, 9).rows, [['10.81', '0', '0.83', '9.98', '0', '9.98', '217.83']]);
  assert.equal(d.glossary.length, 8);
  assert.ok(d.narrative.some((s) => s.heading === '三、政府采购预算情况'));
});

test('Shanghai 02 (unit budget): totals and the wider summary table kept', () => {
  const { disclosure: d, problems } = read('02_shanghai-putuo-sifaju-2026-unit-budget.txt');
  assert.deepEqual([d.year, d.kind, d.scope, d.template], [2026, 'budget', 'unit', 'shanghai-2026']);
  const t1 = table(d, 1);
  assert.deepEqual(after(t1, /^收入总计$/), ['86,959,408.34']);
  assert.deepEqual(after(t1, /^支出总计$/), ['86,959,408.34']);
  assert.deepEqual(t1.rows.find((r) => r[0] === '收入总计')?.slice(3), ['86,959,408.34', '20,374,181', '1,744,680', '64,840,547']);
  assert.ok(problems.some((p) => /金额列多于模板/.test(p.message)));
  assert.deepEqual(row(table(d, 3), '2040601'), ['2040601', '行政运行', '14,348,853.34', '14,348,853.34', '64,840,547.00']);
});

test('Shanghai 03 (final account): facts, summary continued on the next page, blanks placed by position', () => {
  const { disclosure: d } = read('03_shanghai-putuo-caizhengju-2024-final-account.txt');
  assert.deepEqual([d.year, d.unit.name, d.kind, d.scope, d.template], [2024, '上海市普陀区财政局', 'final-account', 'department', 'shanghai-2024-final']);
  assert.deepEqual(
    d.tables.map((t) => t.no),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const t1 = table(d, 1);
  assert.deepEqual(after(t1, /^总计$/), ['2,995.39', '2,995.39']);
  assert.deepEqual(
    t1.rows.find((r) => r[0] === '本年收入合计'),
    ['本年收入合计', '2,946.25', '本年支出合计', '2,940.05'],
  );
  assert.deepEqual(
    t1.rows.find((r) => r[2] === '八、社会保障和就业支出'),
    ['八、其他收入', '6.20', '八、社会保障和就业支出', '326.71'],
  );
  const t5 = table(d, 5);
  assert.deepEqual(row(t5, '2010602'), ['2010602', '一般行政管理事务', '10.00', '', '10.00']);
  assert.deepEqual(row(t5, '2080505'), ['2080505', '机关事业单位基本养老保险缴费支出', '160.75', '160.75', '']);
  assert.deepEqual(after(table(d, 4), /^总计$/)[0], '2,961.68');
  assert.match(table(d, 8).note ?? '', /故本表无数据/);
  assert.ok(d.narrative.some((s) => s.heading === '四、财政拨款收入支出决算总体情况说明' && /0\.3万元/.test(s.text)));
  assert.equal(d.glossary.length, 11);
});

test('Jiangsu 06 (12 tables 公开01–12表): facts, totals, code tables', () => {
  const { disclosure: d } = read('06_jiangsu-jianchayuan-2019-dept-budget.txt');
  assert.deepEqual([d.year, d.unit.name, d.kind, d.scope, d.template], [2019, '江苏省人民检察院', 'budget', 'department', 'jiangsu-2019']);
  assert.deepEqual(
    d.tables.map((t) => t.no),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  );
  const t1 = table(d, 1);
  assert.deepEqual(after(t1, /^收入合计$/), ['24,169.74']);
  assert.deepEqual(after(t1, /^支出合计$/), ['24,169.74']);
  assert.deepEqual(t1.rows[0], ['一、财政拨款', '24,169.74', '一、一般公共服务支出', '', '一、基本支出', '15,844.04']);
  // Table 2's label spans two template columns: the total's amount is in the third.
  assert.deepEqual(
    table(d, 2).rows.find((r) => r[0] === '收入总计'),
    ['收入总计', '', '24169.74'],
  );
  assert.deepEqual(row(table(d, 5), '2040401'), ['2040401', '行政运行', '12,268.62']);
  assert.deepEqual(row(table(d, 8), '30239'), ['30239', '其他交通费用', '473.82']);
  assert.equal(table(d, 10).note?.split('\n')[0], '此表为空');
  assert.equal(d.narrative.length, 14);
  assert.match(d.narrative.find((s) => s.heading.startsWith('一、'))!.text, /减少 13\.22 %|减少了1237\.7万元/);
  assert.equal(d.glossary.length, 9);
  assert.deepEqual(d.unplaced, []);
});

test('a GBK-encoded copy reads identically; BOMs are honoured', () => {
  const text = load(YINGKOU);
  const utf8 = readTextBytes(Buffer.from(text, 'utf8'), YINGKOU);
  const gbk = readTextBytes(iconv.encode(text, 'gbk'), YINGKOU);
  assert.deepEqual(gbk, utf8);
  const bom = readTextBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), YINGKOU);
  assert.deepEqual(bom.disclosure.tables, utf8.disclosure.tables);
  const utf16 = readTextBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), YINGKOU);
  assert.deepEqual(utf16.disclosure.tables, utf8.disclosure.tables);
  const shanghai = load('01_shanghai-putuo-sifaju-2026-dept-budget.txt');
  assert.deepEqual(readTextBytes(iconv.encode(shanghai, 'gb18030'), 'x.txt'), readTextBytes(Buffer.from(shanghai), 'x.txt'));
});

test('reading has no pathological slowdown', () => {
  const docs = [YINGKOU, '01_shanghai-putuo-sifaju-2026-dept-budget.txt', '03_shanghai-putuo-caizhengju-2024-final-account.txt', '06_jiangsu-jianchayuan-2019-dept-budget.txt'].map(load);
  for (const t of docs) readTextDisclosure(t);
  const t0 = performance.now();
  const rounds = 10;
  for (let i = 0; i < rounds; i++) for (const t of docs) readTextDisclosure(t);
  const perDoc = (performance.now() - t0) / (rounds * docs.length);
  // Only catches a pathological slowdown (the shared 2-core CI is noisy); the rate is measured by
  // a benchmark script, not here. Unloaded, a document takes about 4–7 ms.
  assert.ok(perDoc < 500, `${perDoc.toFixed(1)} ms per document`);
});

const S03 = '03_shanghai-putuo-caizhengju-2024-final-account.txt';
const J06 = '06_jiangsu-jianchayuan-2019-dept-budget.txt';
const labelled = (t: DisclosureTable, col: number, label: string) => {
  const r = t.rows.find((x) => x[col] === label);
  assert.ok(r, `table ${t.no} row ${label}`);
  return r;
};

test('Shanghai 03 tables 2 and 3: amounts under their header columns, 合计 rows, amounts printed above their row', () => {
  const { disclosure: d } = read(S03);
  const t2 = table(d, 2);
  assert.deepEqual(t2.header[t2.header.length - 1]!.slice(2), ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']);
  assert.deepEqual(labelled(t2, 1, '合计'), ['', '合计', '2,946.25', '2,940.05', '', '', '', '', '6.20']);
  assert.deepEqual(row(t2, '2010602'), ['2010602', '一般行政管理事务', '16.19', '10.00', '', '', '', '', '6.19']);
  assert.deepEqual(row(t2, '2010601'), ['2010601', '行政运行', '1,511.90', '1,511.89', '', '', '', '', '0.01']);
  // A row pdftotext shifted left after a long name keeps its amounts in their columns.
  assert.deepEqual(row(t2, '2210201'), ['2210201', '住房公积金', '187.19', '187.19', '', '', '', '', '']);
  assert.equal(t2.rows.filter((r) => r[0] === '').length, 1, 'only the 合计 row has no code');

  const t3 = table(d, 3);
  assert.deepEqual(t3.header[t3.header.length - 1]!.slice(2), ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出']);
  assert.deepEqual(labelled(t3, 1, '合计'), ['', '合计', '2,940.05', '2,336.91', '603.14', '', '', '']);
  assert.deepEqual(row(t3, '201'), ['201', '一般公共服务支出', '2,106.66', '1,503.52', '603.14', '', '', '']);
  assert.deepEqual(row(t3, '2010601'), ['2010601', '行政运行', '1,511.89', '1,503.52', '8.37', '', '', '']);
  assert.deepEqual(row(t3, '2010607'), ['2010607', '信息化建设', '135.25', '', '135.25', '', '', '']);
  assert.deepEqual(row(t3, '2080506'), ['2080506', '机关事业单位职业年金缴费支出', '80.38', '80.38', '', '', '', '']);
  assert.deepEqual(row(t3, '2080599'), ['2080599', '其他行政事业单位养老支出', '0.94', '0.94', '', '', '', '']);
  assert.equal(t3.rows.length, 20);
});

test('Shanghai 03 table 4: wrapped labels joined, a label between their halves shares the row', () => {
  const t4 = table(read(S03).disclosure, 4);
  assert.deepEqual(t4.rows[0], ['一、一般公共预算财政拨款', '2,940.05', '一、一般公共服务支出', '2,106.66', '2,106.66', '', '']);
  assert.deepEqual(t4.rows[1], ['二、政府性基金预算财政拨款', '', '二、外交支出', '', '', '', '']);
  assert.deepEqual(t4.rows[2], ['三、国有资本经营预算财政拨款', '', '三、国防支出', '', '', '', '']);
  assert.deepEqual(labelled(t4, 2, '七、文化旅游体育与传媒支出').slice(3), ['', '', '', '']);
  assert.deepEqual(labelled(t4, 2, '二十六、抗疫特别国债安排的支出')[0], '');
  assert.deepEqual(labelled(t4, 0, '本年收入合计'), ['本年收入合计', '2,940.05', '本年支出合计', '2,940.05', '2,940.05', '', '']);
  assert.deepEqual(labelled(t4, 0, '总计'), ['总计', '2,961.68', '总计', '2,961.68', '2,961.68', '', '']);
  for (const r of t4.rows) for (const c of r) assert.ok(!['款', '拨款', '出', '支出', '理支出', '的支出'].includes(c), `no stray fragment row: ${JSON.stringify(r)}`);
  assert.equal(t4.rows.length, 32);
});

test('Shanghai 03 table 6: two panels read as one table, rows spread over several lines', () => {
  const t6 = table(read(S03).disclosure, 6);
  assert.deepEqual(t6.header, [['经济分类科目编码', '科目名称', '决算数', '经济分类科目编码', '科目名称', '决算数']]);
  assert.deepEqual(t6.rows[0], ['301', '工资福利支出', '2,082.85', '302', '商品和服务支出', '171.07']);
  assert.deepEqual(labelled(t6, 0, '30101'), ['30101', '基本工资', '262.33', '30201', '办公费', '21.21']);
  assert.deepEqual(labelled(t6, 0, '30108'), ['30108', '机关事业单位基本养老保险缴费', '160.75', '30206', '电费', '']);
  assert.deepEqual(labelled(t6, 0, '30399'), ['30399', '其他对个人和家庭的补助', '', '30239', '其他交通费用', '48.49']);
  assert.deepEqual(labelled(t6, 3, '30240'), ['', '', '', '30240', '税金及附加费用', '']);
  assert.deepEqual(labelled(t6, 3, '31002'), ['', '', '', '31002', '办公设备购置', '13.58']);
  assert.deepEqual(t6.rows[t6.rows.length - 1], ['', '人员经费合计', '2,152.26', '', '公用经费合计', '184.65']);
  for (const r of t6.rows.slice(0, -1)) assert.match(`${r[0]}|${r[3]}`, /^(?:\d{3}(?:\d{2})?)?\|(?:\d{3}(?:\d{2})?)?$/);
  assert.equal(t6.rows.length, 39);
});

test('Shanghai 03: 三公 amounts under their columns; the wrapped part heading opens the narrative', () => {
  const { disclosure: d } = read(S03);
  assert.deepEqual(table(d, 7).rows, [['0.95', '', '', '', '', '', '', '', '', '', '0.95', '']]);
  assert.equal(d.narrative[0]!.heading, '一、收入支出决算总体情况说明');
  assert.ok(!d.narrative.some((s) => norm(s.heading) === '说明'));
});

test('Jiangsu 06: wrapped labels of table 1 joined; tables 3 and 9 placed by header position', () => {
  const { disclosure: d } = read(J06);
  const t1 = table(d, 1);
  assert.deepEqual(t1.rows[2], ['2.政府性基金预算', '', '三、国防支出', '', '三、单位预留机动经费', '3,990.40']);
  assert.deepEqual(t1.rows[3], ['二、财政专户管理资金', '', '四、公共安全支出', '16,593.12', '', '']);
  for (const r of t1.rows) for (const c of r) assert.ok(!['算', '金', '费'].includes(c), `no stray fragment row: ${JSON.stringify(r)}`);
  assert.equal(t1.rows.length, 24);
  assert.deepEqual(table(d, 3).rows, [['24169.74', '15844.04', '4335.30', '3990.4', '']]);
  const t9 = table(d, 9);
  assert.deepEqual(t9.header[t9.header.length - 1], ['合计', '小计', '因公出国（境）费', '小计', '公务用车购置费', '公务用车运行维护费', '公务接待费', '会议费', '培训费']);
  assert.deepEqual(t9.rows, [['1276.7', '418.26', '80', '237', '', '237', '101.26', '158.44', '700']]);
});
