/**
 * The Yingkou 2024 fixture reproduces the reference document: expected figures are extracted here,
 * independently of the projections, from the reference text's tab-separated table rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBudget } from '../core/budget-validate.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { parsePrintedCents } from '../core/money.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from './build-disclosure.ts';

const REF = 'fixtures/corpus/yingkou-business-env-center-2024-budget.txt';
const refLines = readFileSync(REF, 'utf8').split(/\r?\n/);
const { budget } = parseBudget(JSON.parse(readFileSync('fixtures/yingkou-2024/budget.json', 'utf8')));
const { disclosure, warnings } = buildDisclosure(budget);

/** Reference table blocks: the tab-separated rows following each "表N" marker (or a title line). */
function refTables(marker: string): string[][][] {
  const out: string[][][] = [];
  refLines.forEach((l, i) => {
    if (l.trim() !== marker) return;
    const rows: string[][] = [];
    let j = i + 1;
    while (j < refLines.length && !refLines[j]!.includes('\t')) j++;
    for (; j < refLines.length && refLines[j]!.includes('\t'); j++) rows.push(refLines[j]!.split('\t'));
    out.push(rows);
  });
  return out;
}
const refTable = (no: number) => {
  const t = refTables(`表${no}`);
  assert.equal(t.length, 1, `reference has one 表${no}`);
  return t[0]!;
};
const ours = (no: number): DisclosureTable => {
  const t = disclosure.tables.filter((x) => x.no === no);
  assert.equal(t.length, 1, `one table ${no}`);
  return t[0]!;
};
const normName = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
/** Body rows of a code table as printed in the reference: the 合计 row and rows starting with a code. */
const codeRows = (rows: string[][]) => rows.filter((r) => /^\d{3,7}$/.test(r[0]!) || (r[0] === '' && r[1] === '合计'));

function assertCodeTableMatches(no: number) {
  const ref = codeRows(refTable(no));
  const got = ours(no).rows;
  assert.ok(ref.length > 1 || no === 8, `reference table ${no} has body rows`);
  assert.deepEqual(
    got.map((r) => r[0]),
    ref.map((r) => r[0]),
    `table ${no}: same codes in the same order`,
  );
  ref.forEach((r, i) => {
    const g = got[i]!;
    assert.equal(normName(g[1]!), normName(r[1]!), `table ${no} row ${r[0] || '合计'}: name`);
    // Amount cells exactly as printed, blanks included (the reference leaves zero cells blank).
    const width = Math.max(r.length, g.length);
    for (let c = 2; c < width; c++) assert.equal(g[c] ?? '', r[c] ?? '', `table ${no} row ${r[0] || '合计'} column ${c}`);
  });
}

test('the fixture builds without warnings', () => {
  assert.deepEqual(warnings, []);
});

test('tables 1 and 4 reproduce the reference row for row', () => {
  for (const no of [1, 4]) {
    const ref = refTable(no).slice(2); // after the two header rows (收 入 / 项 目 …)
    assert.deepEqual(refTable(no).slice(0, 2), ours(no).header, `table ${no} header`);
    assert.deepEqual(ours(no).rows, ref, `table ${no} body`);
  }
});

test('tables 3, 5, 6 and 8 reproduce every code row and amount cell of the reference', () => {
  for (const no of [3, 5, 6, 8]) assertCodeTableMatches(no);
  assert.equal(ours(3).rows[0]![2], '1,861.38');
  assert.deepEqual(
    ours(6).rows.find((r) => r[0] === '30239'),
    ['30239', '其他交通费用', '17.76', '17.76', ''],
  );
});

test('table 8 is empty with its note and only the 合计 row, as printed', () => {
  const t = ours(8);
  assert.deepEqual(t.rows, [['', '合计', '', '', '']]);
  assert.equal(t.note, refLines.find((l) => l.startsWith('备注：如此表为空表'))!.trim());
});

test('table 7 (三公) reproduces the reference row', () => {
  const ref = refTable(7);
  assert.deepEqual(ours(7).rows, ref.slice(2));
  assert.deepEqual(ours(7).header, ref.slice(0, 2));
});

test('table 16 reproduces the task funds and the indicator values', () => {
  const start = refLines.findIndex((l) => l.trim() === '部门（单位）整体绩效目标表' && refLines[refLines.indexOf(l) + 2]?.includes('\t'));
  const block: string[][] = [];
  for (let j = start + 1; j < refLines.length && (refLines[j]!.includes('\t') || refLines[j]!.trim() === ''); j++) if (refLines[j]!.includes('\t')) block.push(refLines[j]!.split('\t'));
  const refTasks = block.filter((r) => r[0] === '' && /^\d+(\.\d+)?$/.test(r[4] ?? ''));
  assert.equal(refTasks.length, 4);
  const got = ours(16).rows;
  for (const r of refTasks) {
    const g = got.find((x) => x[0] === r[1]);
    assert.ok(g, `task ${r[1]}`);
    assert.equal(parsePrintedCents(g![4]!), parsePrintedCents(r[4]!), `task ${r[1]} funds`);
  }
  assertIndicatorValues(block, got, 'table 16');
});

/** Every indicator of the reference block: same 三级指标 and every numeric value printed in its row. */
function assertIndicatorValues(refBlock: string[][], got: string[][], where: string) {
  const refStart = refBlock.findIndex((r) => r.includes('一级指标'));
  const gotStart = got.findIndex((r) => r.includes('一级指标'));
  const refInd = refBlock.slice(refStart + 1);
  const gotInd = got.slice(gotStart + 1);
  assert.equal(gotInd.length, refInd.length, `${where}: indicator count`);
  refInd.forEach((r, i) => {
    const g = gotInd[i]!;
    assert.ok(g.includes(r[3]!), `${where}: indicator ${i + 1} ${r[3]}`);
    for (const v of r.slice(4).filter((c) => /^\d+(\.\d+)?$/.test(c))) assert.ok(g.includes(v), `${where}: ${r[3]} value ${v}`);
  });
}

test('table 17: one table per project, funds and indicators as printed', () => {
  const refs = refTables('表17');
  assert.equal(refs.length, 9);
  const got = disclosure.tables.filter((t) => t.no === 17);
  assert.equal(got.length, 9);
  for (const ref of refs) {
    const name = ref[0]![1]!;
    const t = got.find((x) => x.project === name);
    assert.ok(t, `table 17 for ${name}`);
    const refFunds = ref.find((r) => r[0] === '预算资金情况')![1]!;
    assert.equal(t!.rows.find((r) => r[0] === '预算资金情况')![1], refFunds, `${name} funds`);
    assertIndicatorValues(ref, t!.rows, `table 17 ${name}`);
  }
});

test('tables 2 and 9–15 are produced; 13, 14, 15 empty with their notes; 10 equals 3', () => {
  const tpl = loadTemplate('liaoning-2024');
  assert.deepEqual(
    [...new Set(disclosure.tables.map((t) => t.no))],
    Array.from({ length: 17 }, (_, i) => i + 1),
  );
  for (const no of [13, 14, 15]) {
    const t = ours(no);
    assert.equal(t.note, tpl.tables.find((x) => x.no === no)!.emptyNote);
    assert.ok(
      t.rows.every((r) => r.every((c) => c === '' || c === '合计')),
      `table ${no} has no amounts`,
    );
  }
  assert.deepEqual(ours(10).rows, ours(3).rows);
  const t9 = ours(9);
  assert.equal(t9.rows.length, 10);
  assert.deepEqual(t9.rows[0]!.slice(0, 5), ['合计', '', '', '892.29', '892.29']);
  assert.equal(ours(2).rows[0]![2], '1,861.38');
  assert.equal(ours(11).rows[0]![2], '1,861.38');
  assert.equal(ours(12).rows[0]![2], '1,861.38');
});

test('the narrative states the reference figures, correctly worded, without placeholders', () => {
  const text = disclosure.narrative.map((s) => `${s.heading}\n${s.text}`).join('\n');
  for (const fig of ['1,861.38', '969.09', '898.75', '68.94', '1.40', '892.29', '51.18', '2.25']) assert.ok(text.includes(fig), fig);
  assert.match(text, /工资福利支出898\.75万元，商品和服务支出68\.94万元，对个人和家庭的补助1\.40万元/);
  assert.match(text, /事业运行经费预算51\.18万元/);
  assert.match(text, /“三公”经费预算为2\.25万元，与上年持平/);
  assert.match(text, /应编制绩效目标的项目9个，实际编制绩效目标的项目9个，涉及资金892\.29万元，编制绩效目标项目的覆盖率100%/);
  assert.match(text, /2024年预算比2023年预算减少54\.20万元，下降2\.83%，主要原因是：单位机构人员经费相关费用减少。/);
  for (const bad of ['增加(减少)', '增加（减少）', '(下降)', '（下降）', 'XX', '××']) assert.ok(!text.includes(bad), bad);
  // The operating costs are the public-cost items only: 其他交通费用 is booked as personnel.
  const op = disclosure.narrative.find((s) => s.heading.includes('运行经费'))!;
  assert.equal(op.heading, '二、事业运行经费安排情况');
  assert.ok(!op.text.includes('其他交通费用'));
  assert.match(op.text, /办公费、邮电费、差旅费、工会经费、福利费、公务用车运行维护费/);
});

test('the glossary explains exactly the function items the tables use', () => {
  const items = disclosure.glossary.filter((g) => g.term.endsWith('（项）'));
  assert.deepEqual(
    items.map((g) => g.term),
    [
      '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）',
      '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）及相关机构事务支出（项）',
      '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）',
      '住房保障支出（类）住房改革支出（款）住房公积金（项）',
    ],
  );
  const all = JSON.stringify(disclosure.glossary);
  for (const unused of ['财政事务', '行政单位医疗', '事业单位离退休', '机关运行经费']) assert.ok(!all.includes(unused), unused);
  assert.ok(disclosure.glossary.some((g) => g.term === '事业运行经费'));
  assert.ok(items.every((g) => g.text.startsWith('反映')));
});

test('contents list and profile follow the template', () => {
  assert.equal(disclosure.toc.filter((l) => /^\d+\. /.test(l)).length, 17);
  assert.ok(disclosure.toc.includes('17. 部门预算项目（政策）绩效目标表'));
  assert.equal(disclosure.profile?.length, 2);
  assert.match(disclosure.profile![0]!.text, /（九）承担市营商环境建设局/);
});
