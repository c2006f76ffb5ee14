import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PrintedLine } from './lines.ts';
import { documentFacts } from './metadata.ts';

const lines = (...texts: string[]): PrintedLine[] => texts.map((text, i) => ({ text, page: 1, line: i + 1, pageStart: i === 0 }));

test('a web page titled in its site’s section “部门预决算及“三公”经费” is a budget, and its unit is the page title’s (40)', () => {
  const f = documentFacts(lines('昆明市人民政府办公室机关2026年预算公开_部门预决算及“三公”经费_昆明市人民政府门户网站', '目录'), 1);
  assert.equal(f.kind, 'budget');
  assert.equal(f.year, 2026);
  assert.equal(f.unitName, '昆明市人民政府办公室机关');
});

test('a final account’s cover says 决算', () => {
  const f = documentFacts(lines('国家信访局2024年度部门决算', '目录'), 1);
  assert.equal(f.kind, 'final-account');
  assert.equal(f.scope, 'department');
});
