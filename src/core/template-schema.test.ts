/**
 * The template schema: every shipped template passes, each broken template in testdata/templates
 * fails with a located Chinese message, loading an invalid template is one line naming file and
 * field, and docs/template.schema.json is what the schema exports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplateFile, DATA_DIR, listTemplates, loadTemplate, templatePath } from './template.ts';
import { PROJECTION_SPECS } from './template-layouts.ts';
import { templateJsonSchemaText, validateTemplate } from './template-schema.ts';
import { UserError } from './user-error.ts';

const TESTDATA = join(import.meta.dirname, 'testdata', 'templates');
const broken = (name: string) => checkTemplateFile(join(TESTDATA, `${name}.json`));

test('every template in data/templates passes the schema', () => {
  const ids = listTemplates();
  assert.ok(ids.length >= 4);
  for (const id of ids) {
    const r = checkTemplateFile(templatePath(id), id);
    assert.deepEqual(r.issues, [], id);
    assert.equal(r.template!.id, id, `${id}: the id is the file name`);
  }
});

test('the minimal valid template passes', () => {
  assert.deepEqual(broken('valid-minimal').issues, []);
});

const CASES: [file: string, path: string, message: RegExp][] = [
  ['unknown-measure', 'tables[1].measures[2]', /表2“支出预算总表”的生成方法“code-matrix”不能计算金额栏“toSuperior”/],
  ['unknown-layout', 'tables[1].layout', /未知的版式“matrix-of-codes”（可用：income-expenditure、/],
  ['missing-header', 'tables[1].header', /缺少必填字段“header”/],
  ['unknown-key', 'tables[1].key', /key“spending-summary”不是任何规则知道的表角色（可用：summary、/],
  ['header-width', 'tables[1].header', /表头有 4 列，生成的表有 5 列/],
  ['no-projection', 'tables[1].projection', /版式“other”没有生成方法：请用 projection 指定.*"purpose": "read"/],
  ['unknown-section', 'narrativeSections[0].key', /未知的情况说明部分“summaryText”/],
  ['duplicate-term', 'glossaryTerms[1].term', /名词“基本支出”重复/],
  ['not-json', '', /不是有效的 JSON：第12行第14列 此处应为一个值/],
];

for (const [file, path, message] of CASES) {
  test(`broken template ${file}: located Chinese message`, () => {
    const { template, issues } = broken(file);
    assert.equal(template, undefined);
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]!.path, path);
    assert.match(issues[0]!.message, message);
  });
}

test('loading an invalid template is one UserError line naming the file and the field', () => {
  const file = join(TESTDATA, 'unknown-measure.json');
  assert.throws(
    () => loadTemplate(file),
    (e: unknown) => e instanceof UserError && !e.message.includes('\n') && e.message.startsWith(`模板 ${file}：tables[1].measures[2]：`),
  );
  assert.throws(
    () => loadTemplate('no-such-layout'),
    (e: unknown) => e instanceof UserError && /没有名为“no-such-layout”的模板（可用：.*liaoning-2024/.test(e.message),
  );
});

test('a reading-only template may name columns and shapes the generator does not know', () => {
  const json = JSON.parse(readFileSync(join(DATA_DIR, 'templates', 'shanghai-2024-final.json'), 'utf8'));
  assert.equal(json.purpose, 'read');
  assert.deepEqual(validateTemplate(json).issues, []);
  const asGeneration = validateTemplate({ ...json, purpose: 'generate' });
  assert.ok(asGeneration.issues.some((i) => /不能计算金额栏“toSuperior”/.test(i.message)));
});

test('measures and widths the contract states', () => {
  assert.equal(PROJECTION_SPECS['code-matrix'].width({ measures: ['total', 'basic', 'project'] }), 5);
  assert.equal(PROJECTION_SPECS['income-expenditure'].width({ expenditureSides: ['function', 'use'] }), 6);
  assert.equal(PROJECTION_SPECS['fiscal-income-expenditure'].width({ measures: ['total', 'source:general', 'source:fund', 'source:stateCapital'] }), 7);
  assert.equal(PROJECTION_SPECS['three-public'].width({}), 6);
});

test('docs/template.schema.json is the schema as exported (gongkai template schema -o docs/template.schema.json)', () => {
  const docs = readFileSync(join(DATA_DIR, '..', 'docs', 'template.schema.json'), 'utf8');
  assert.equal(docs, templateJsonSchemaText(), 'regenerate with: node bin/gongkai.js template schema -o docs/template.schema.json');
});
