/**
 * Acceptance of `gongkai template infer` (issue 13, part 4): for real documents of seven layout
 * families, the layout is learned from the published document, the Yingkou budget is built with it,
 * and the disclosure (1) has the document's table titles, column meanings and row structure,
 * (2) checks with 0 errors, (3) round-trips exactly through HTML, XLSX, PDF and data.
 * Compared with the document as read (src/read) and with the hand-made truth (fixtures/real/truth).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DisclosureTable } from '../src/core/disclosure.ts';
import { loadTemplate } from '../src/core/template.ts';
import { inferTemplate } from '../src/infer/infer-template.ts';
import { generate } from '../src/pipeline/generate.ts';
import { parseMatrix } from '../src/printed/matrix.ts';
import { readDisclosureFiles } from '../src/read/index.ts';
import { formatDifferences } from '../src/roundtrip/compare.ts';
import { roundTrip } from '../src/roundtrip/roundtrip.ts';

const REAL = join(import.meta.dirname, '../fixtures/real');
const BUDGET = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/yingkou-2024/budget.json'), 'utf8')) as unknown;

/** One document per family: central department, Beijing, Shenzhen, Guangzhou, Jiangsu province and city, Zhejiang city. */
const DOCUMENTS = ['38', '20', '23', '25', '08', '17', '29'];

interface Truth {
  family: string;
  tables: { no: number; title: string; role: string }[];
}

/** A title without spaces, "表N：" numbering and the year, as a template prints it. */
const bare = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/^表\d+[:：]/, '')
    .replace(/^\d{4}年度?/, '');

/** "三、" / "（三）" numbering of a heading. */
const HEADING_NO = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])/;

/** Code levels a matrix table prints: 1 类 (3 digits), 2 款 (5), 3 项 (7). */
function levels(t: DisclosureTable): Set<number> {
  const out = new Set<number>();
  for (const r of t.rows) {
    const code = (r[0] ?? '').replace(/\s+/g, '');
    if (/^\d{3}$/.test(code)) out.add(1);
    else if (/^\d{5}$/.test(code)) out.add(2);
    else if (/^\d{7}$/.test(code)) out.add(3);
  }
  return out;
}

for (const no of DOCUMENTS) {
  const files = readdirSync(REAL)
    .filter((f) => f.startsWith(`${no}_`))
    .map((f) => join(REAL, f));
  const truth = JSON.parse(readFileSync(join(REAL, 'truth', `${no}.json`), 'utf8')) as Truth;

  test(`template infer ${no} (${truth.family}): learned layout builds Yingkou in it, checks clean, round-trips`, async () => {
    const read = await readDisclosureFiles(files);
    const real = read.disclosure;
    const { template } = inferTemplate(real, { learnedFrom: files.map((f) => f.split('/').pop()!) });
    const dir = mkdtempSync(join(tmpdir(), `gongkai-infer-${no}-`));
    const path = join(dir, 'template.json');
    writeFileSync(path, JSON.stringify(template, null, 2));
    // The written file passes the template check (loadTemplate validates it).
    assert.doesNotThrow(() => loadTemplate(path));

    const g = generate(BUDGET, { template: path });
    assert.deepEqual(g.inputErrors, []);
    const d = g.disclosure!;
    const errors = g.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => `${f.rule}: ${f.message}`),
      [],
      'the disclosure checks with 0 errors',
    );

    // Titles: the document's, in its order (each generated table is one of the document's tables).
    const truthTitles = truth.tables.map((t) => bare(t.title));
    const generated = [...new Map(d.tables.map((t) => [t.no, t])).values()];
    let at = -1;
    for (const t of generated) {
      if (t.key === 'project-goal') continue; // titled per project by some layouts
      const i = truthTitles.indexOf(bare(t.title), at + 1);
      assert.ok(i > at, `表${t.no}「${t.title}」is one of the document's titles, in order (${truthTitles.join('、')})`);
      at = i;
    }
    // Every table of the roles every budget disclosure prints is there.
    for (const role of ['summary', 'income', 'expenditure', 'fiscal-summary', 'general-expenditure', 'three-public']) {
      if (truth.tables.some((t) => t.role === role))
        assert.ok(
          d.tables.some((t) => t.key === role),
          `table ${role} learned`,
        );
    }

    // Header and rows, table by table against the document as read.
    for (const t of d.tables) {
      const src = real.tables.find((x) => x.key === t.key);
      if (!src || !t.header.length) continue;
      const tt = template.tables.find((x) => x.key === t.key)!;
      if (tt.layout === 'code-matrix') {
        // Every column the template prints means what one of the document's columns means.
        const ours = parseMatrix(t, '万元', tt).columns.map((c) => c.measure);
        assert.ok(
          ours.every((m) => m !== undefined),
          `表${t.no}: every amount column has a meaning the checker reads (${ours.join(',')})`,
        );
        const header = (src.header.flat().join('') + src.rows.slice(0, 2).flat().join('')).replace(/\s+/g, '');
        for (const m of tt.measures ?? []) {
          const word = { total: /合计|总计|小计/, basic: /基本/, personnel: /人员/, public: /公用/, project: /项目/ }[m as 'total'] ?? /./;
          assert.match(header, word, `表${t.no}: column ${m} is printed by the document`);
        }
        // Rows: every code level the document lists (类/款/项) is listed, 合计 first.
        assert.match((t.rows[0] ?? []).join(''), /合计/);
        for (const l of levels(src)) assert.ok(levels(t).has(l), `表${t.no}: code level ${l} listed as in the document`);
        // …and only those where the document lists fewer (Beijing's 一般公共预算支出表: only 项).
        if (tt.levels) for (const l of levels(t)) assert.ok(levels(src).has(l), `表${t.no}: code level ${l} not listed by the document`);
      }
      if (tt.layout === 'three-public') {
        // The 三公 parts it prints are the document's (in its columns, or Guangzhou's rows), the 公务用车
        // parts under their group (merged cells).
        const header = [...src.header.flat(), ...src.rows.map((r) => r[0] ?? '')].join('').replace(/\s+/g, '');
        const words: Record<string, RegExp> = { abroad: /出国/, reception: /接待/, vehicle: /公务用车/, vehiclePurchase: /购置/, vehicleRunning: /运行/, meeting: /会议/, training: /培训/ };
        for (const m of tt.measures ?? []) if (words[m]) assert.match(header, words[m]!, `表${t.no}: 三公 column ${m} is printed by the document`);
        if ((tt.measures ?? []).includes('vehiclePurchase')) assert.ok(t.header.length >= 2, `表${t.no}: 公务用车 over its parts`);
      }
    }

    // Narrative headings and glossary terms: the document's (a section the document lacks but every
    // disclosure needs, the overview, may come from the default layout).
    const heading = (h: string) =>
      h
        .replace(/\s+/g, '')
        .replace(HEADING_NO, '')
        .replace(/\d{4}年度?/g, '')
        .replace(/事业运行经费|机关运行经费/g, '运行经费')
        .split(real.unit.name.trim().split(/\s{2,}/)[0]!)
        .join('')
        .split(d.unit.name)
        .join('');
    const printed = new Set(real.narrative.map((x) => heading(x.heading)));
    const joined = real.narrative.map((x) => x.heading.replace(/\s+/g, '')).join('');
    const learned = d.narrative.filter((x) => printed.has(heading(x.heading)) || joined.includes(heading(x.heading)));
    assert.ok(learned.length >= d.narrative.length - 1, `narrative headings as printed: ${d.narrative.map((x) => x.heading).join('、')}`);
    const terms = new Set(real.glossary.map((g) => g.term.replace(/\s+/g, '')));
    for (const g of d.glossary) if (!/（项）/.test(g.term)) assert.ok(terms.has(g.term), `glossary term ${g.term} is the document's`);

    // Round trip: HTML, XLSX, PDF and data read back exactly.
    const results = await roundTrip(d, join(dir, 'out'), ['html', 'xlsx', 'pdf', 'data'], BUDGET);
    for (const r of results) assert.equal(r.differences.length, 0, `${r.format}:\n${formatDifferences(r.differences)}`);
  });
}

test('gongkai template infer: writes a checked template, says what it did not learn; bad input is one Chinese line', () => {
  const root = join(import.meta.dirname, '..');
  const gongkai = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/gongkai.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, GONGKAI_FROM_SOURCE: '1' } });
  const out = join(mkdtempSync(join(tmpdir(), 'gongkai-infer-cli-')), 'central.json');
  const r = gongkai('template', 'infer', join(REAL, '38_central-national-xinfangju-2026-dept-budget.pdf'), '-o', out, '--id', 'central-test');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /国家信访局 2026年：学得 10 张表/);
  assert.match(r.stderr, /未学得：/);
  const t = JSON.parse(readFileSync(out, 'utf8')) as { id: string; tables: { title: string }[] };
  assert.equal(t.id, 'central-test');
  assert.equal(t.tables[0]!.title, '部门收支总表');

  const missing = gongkai('template', 'infer', 'no-such.pdf', '-o', out);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^gongkai: 无法读取公开文件：.*no-such\.pdf/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const noTables = gongkai('template', 'infer', join(REAL, '40_yunnan-kunming-zhengfuban-2026-dept-budget.html'), '-o', join(out, '..', 'none.json'));
  assert.equal(noTables.status, 2);
  assert.match(noTables.stderr, /没有读到可学的公开表.*未写出模板/);
  const badId = gongkai('template', 'infer', 'x.pdf', '-o', out, '--id', 'Bad Id');
  assert.equal(badId.status, 2);
  assert.match(badId.stderr, /模板 id 只能由小写字母、数字和连字符组成/);
});

test('template infer on a Shanghai budget gives back the shipped Shanghai layout: columns, units, code-matrix headers', async () => {
  const files = readdirSync(REAL)
    .filter((f) => f.startsWith('01_'))
    .map((f) => join(REAL, f));
  const { template } = inferTemplate((await readDisclosureFiles(files)).disclosure);
  const shipped = loadTemplate('shanghai-2026');
  assert.equal(template.amountUnit, shipped.amountUnit);
  assert.deepEqual(
    template.tables.map((t) => t.key),
    shipped.tables.map((t) => t.key),
  );
  for (const [i, t] of template.tables.entries()) {
    const s = shipped.tables[i]!;
    assert.equal(t.amountUnit ?? template.amountUnit, s.amountUnit ?? shipped.amountUnit, `表${t.no} unit`);
    assert.deepEqual(t.measures ?? [], s.measures ?? (s.layout === 'three-public-and-operating' ? t.measures : []), `表${t.no} columns`);
    if (t.layout === 'code-matrix') assert.deepEqual(t.header, s.header, `表${t.no} header rows`);
  }
});
