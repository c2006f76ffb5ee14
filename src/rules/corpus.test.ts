/**
 * The rules on the real corpus (read by the text reader): every known defect of each document is
 * its own finding at the right table or section, and the Yingkou reference's consistent tables
 * carry no error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDisclosureFile } from '../read/index.ts';
import { checkDisclosure, type Finding } from './index.ts';

const corpus = (name: string) => new URL(`../../fixtures/corpus/${name}`, import.meta.url).pathname;
const cache = new Map<string, Promise<Finding[]>>();
function findingsOf(name: string): Promise<Finding[]> {
  if (!cache.has(name))
    cache.set(
      name,
      readDisclosureFile(corpus(name)).then(({ disclosure }) => checkDisclosure(disclosure)),
    );
  return cache.get(name)!;
}
const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
function has(fs: Finding[], pred: (f: Finding) => boolean, what: string): Finding {
  const f = fs.find(pred);
  assert.ok(f, `not reported: ${what}\n${fs.map((x) => `${x.severity} ${x.rule} ${x.message}`).join('\n')}`);
  return f;
}

const YK = 'yingkou-business-env-center-2024-budget.txt';

test('Yingkou: tables 2 and 9–15 listed in the contents but missing, each its own error', async () => {
  const fs = await findingsOf(YK);
  for (const no of [2, 9, 10, 11, 12, 13, 14, 15]) {
    const f = has(fs, (x) => x.rule === 'table.missing' && x.location.table === no, `table ${no} missing`);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /目录列出该表，但正文中没有/);
  }
  assert.equal(fs.filter((x) => x.rule === 'table.missing').length, 8);
});

test('Yingkou: no error on its consistent tables 1, 3, 4, 5, 6, 7', async () => {
  const fs = await findingsOf(YK);
  assert.deepEqual(
    fs.filter((f) => f.severity === 'error' && [1, 3, 4, 5, 6, 7].includes(f.location.table ?? 0)),
    [],
  );
  assert.deepEqual(
    fs.filter((f) => f.rule.startsWith('arith.') || f.rule.startsWith('cross.')),
    [],
  );
});

test('Yingkou: the placeholder year-on-year text in the 三公 section', async () => {
  const f = has(await findingsOf(YK), (x) => x.rule === 'narrative.placeholder', 'placeholder');
  assert.match(f.location.section ?? '', /三公/);
  assert.match(norm(f.message), /增加\(减少\)/);
});

test('Yingkou: glossary lacks 2010350, 2010399, 2080505 and explains codes not used', async () => {
  const fs = await findingsOf(YK);
  for (const code of ['2010350', '2010399', '2080505']) {
    const f = has(fs, (x) => x.rule === 'glossary.missing-code' && x.location.row === code, `glossary lacking ${code}`);
    assert.match(f.message, new RegExp(`名词解释.*${code}`));
  }
  assert.ok(!fs.some((x) => x.rule === 'glossary.missing-code' && x.location.row === '2210201'), '2210201 has its entry (住房公积金)');
  const unused = fs.filter((x) => x.rule === 'glossary.unused-code');
  assert.equal(unused.length, 8);
  assert.ok(unused.some((x) => /财政事务（款）行政运行（项）/.test(x.message)));
});

test('Yingkou: 网络系统正常运行率 = 261 天 is a rate measured in days', async () => {
  const f = has(await findingsOf(YK), (x) => x.rule === 'perf.rate-percent', 'rate in days');
  assert.equal(f.location.table, 17);
  assert.match(f.message, /网络系统正常运行率.*261 天/);
  assert.match(f.message, /系统维护服务费/);
});

test('Yingkou: goal texts copied across projects and the 19th-congress citation, naming the projects', async () => {
  const fs = await findingsOf(YK);
  const congress = fs.filter((x) => x.rule === 'perf.stale-congress');
  assert.deepEqual(congress.map((x) => x.location.row).sort(), ['劳务派遣人员经费（中心）', '经费补贴款（中心）'].sort());
  assert.ok(congress.every((x) => /十九大/.test(x.message)));
  const copies = fs.filter((x) => x.rule === 'perf.copied-goals');
  assert.ok(copies.some((x) => /4个项目.*系统维护服务费.*律师费（营商中心）.*总体目标文字完全相同/.test(x.message)));
  assert.ok(copies.some((x) => /12345综合服务平台劳务派遣人员费项目.*12345综合服务平台运行经费.*绩效指标/.test(x.message)));
});

test('Yingkou: the operating-cost sentence names 其他交通费用, which table 6 books as personnel', async () => {
  const f = has(await findingsOf(YK), (x) => x.rule === 'narrative.operating-cost-items', '其他交通费用');
  assert.match(f.location.section ?? '', /运行经费/);
  assert.match(f.message, /其他交通费用.*17\.76万元列为人员经费/);
});

test('Yingkou: truncated level names (满意度指) are reported', async () => {
  const fs = (await findingsOf(YK)).filter((x) => x.rule === 'perf.indicator-levels');
  assert.ok(fs.some((x) => /服务对象满意度指”不完整/.test(x.message)));
});

test('01 (Putuo justice bureau 2026 department): wrong year, amount 201.50 vs 208.8, obsolete class name, 2025 project period', async () => {
  const fs = await findingsOf('01_shanghai-putuo-sifaju-2026-dept-budget.txt');
  const year = has(fs, (x) => x.rule === 'narrative.year-reference', 'wrong year');
  assert.match(year.message, /比2026年预算/);
  const item = has(fs, (x) => x.rule === 'narrative.item-amounts' && x.location.row === '2210201', '201.50 vs 208.8');
  assert.match(item.message, /208\.8万元.*201\.50万元/);
  const cls = has(fs, (x) => x.rule === 'narrative.class-name', 'obsolete class name');
  assert.match(cls.message, /医疗卫生与计划生育支出.*卫生健康支出/);
  has(fs, (x) => x.rule === 'narrative.project-period' && /2025年1月1日-2025年12月31日/.test(x.message), 'project period in 2025');
  has(fs, (x) => x.rule === 'narrative.year-on-year' && /43269\.3万元.*3845\.49万元实为减少/.test(x.message), 'increase stated for a decrease');
});

test('02 (Putuo justice bureau 2026 unit): placeholders, 行政运行 carrying the class project amount, personnel/public split', async () => {
  const fs = await findingsOf('02_shanghai-putuo-sifaju-2026-unit-budget.txt');
  const ph = fs
    .filter((x) => x.rule === 'narrative.placeholder')
    .map((x) => norm(x.message))
    .join('\n');
  assert.match(ph, /增加\(减少\)/);
  assert.match(ph, /主要原因是/);
  has(fs, (x) => x.rule === 'arith.total-basic-project' && x.location.row === '2040601', '行政运行 row: total ≠ basic + project');
  has(fs, (x) => x.rule === 'arith.function-levels' && x.location.row === '20406', '司法 款 ≠ Σ项 (project column)');
  const split = has(fs, (x) => x.rule === 'cross.basic-economic', 'summary vs economic table split');
  assert.match(split.message, /表5.*表8/);
});

test('02: 基本支出 printed without decimals is a print-format warning at table, row and column; the sums it upsets are rounding (info)', async () => {
  const fs = await findingsOf('02_shanghai-putuo-sifaju-2026-unit-budget.txt');
  for (const no of [3, 5]) {
    const f = has(fs, (x) => x.rule === 'print.decimals' && x.location.table === no && x.location.row === '合计', `table ${no} 基本支出 without decimals`);
    assert.equal(f.severity, 'warning');
    assert.match(f.location.column ?? '', /基本支出/);
    assert.equal(f.found, '22,118,861');
  }
  const sums = fs.filter((x) => x.rule.startsWith('arith.') && x.location.row === '合计');
  assert.ok(sums.length > 0);
  assert.ok(
    sums.every((x) => x.severity === 'info'),
    sums.map((x) => x.message).join('\n'),
  );
});

test('false alarms removed: Shanghai final-account 表6 read panel by panel, Jiangsu amount-only 表3, 三公 table with 会议费/培训费', async () => {
  const f03 = await findingsOf('03_shanghai-putuo-caizhengju-2024-final-account.txt');
  assert.deepEqual(
    f03.filter((x) => x.location.table === 6 && x.severity !== 'info').map((x) => x.message),
    [],
  );
  assert.ok(
    f03.some((x) => x.rule === 'arith.economic-levels' && x.location.row === '301' && x.severity === 'info'),
    '301 = Σ款 within a cent',
  );
  const f06 = await findingsOf('06_jiangsu-jianchayuan-2019-dept-budget.txt');
  assert.deepEqual(
    f06.filter((x) => x.severity === 'error' && (x.rule.startsWith('arith.') || /项目支出4335\.3/.test(x.message))).map((x) => x.message),
    [],
  );
  assert.ok(f06.some((x) => x.rule === 'print.decimals' && x.location.table === 3 && x.found === '3990.4'));
});

test('06 (Jiangsu procuratorate 2019): a decrease of 1,237.7 described as 13.22% (it is 22.21%)', async () => {
  const fs = await findingsOf('06_jiangsu-jianchayuan-2019-dept-budget.txt');
  const f = has(fs, (x) => x.rule === 'narrative.year-on-year' && /13\.22%/.test(x.message) && /22\.21%/.test(x.message), '13.22% vs 22.21%');
  assert.equal(f.severity, 'error');
  assert.ok(f.location.section);
});

test('03 (Putuo finance bureau 2024 final account): 326.71 vs 326.72, "0.3万元" total, 71.73% share', async () => {
  const fs = await findingsOf('03_shanghai-putuo-caizhengju-2024-final-account.txt');
  const cls = has(fs, (x) => x.rule === 'cross.summary-classes' && /社会保障和就业支出/.test(x.message), '326.71 vs 326.72');
  assert.match(cls.message, /326\.71万元.*326\.72万元/);
  // Both tables print the same total 2,940.05: the cent is where each put its tail (fixtures/real/truth/03.json, rounding r-t1-208).
  assert.equal(cls.severity, 'info');
  assert.match(cls.message, /尾差/);
  const total = has(fs, (x) => x.rule === 'narrative.amounts' && /0\.3万元/.test(x.message), '0.3万元');
  assert.match(total.message, /2,961\.68万元/);
  assert.match(total.location.section ?? '', /财政拨款收入支出决算总体情况/);
  const share = has(fs, (x) => x.rule === 'narrative.share-percent', '71.73%');
  assert.match(share.message, /71\.73%.*71\.65%/);
});

test('corpus documents: no false "missing table" or "missing section" errors on their own templates', async () => {
  for (const name of [
    '01_shanghai-putuo-sifaju-2026-dept-budget.txt',
    '02_shanghai-putuo-sifaju-2026-unit-budget.txt',
    '03_shanghai-putuo-caizhengju-2024-final-account.txt',
    '06_jiangsu-jianchayuan-2019-dept-budget.txt',
  ]) {
    const fs = await findingsOf(name);
    assert.deepEqual(
      fs.filter((x) => x.rule === 'table.missing' || x.rule === 'narrative.section-missing').map((x) => x.message),
      [],
      name,
    );
  }
});
