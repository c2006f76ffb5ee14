import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDisclosure } from '../rules/index.ts';
import type { Finding } from '../rules/types.ts';
import { readDisclosureFile } from '../read/index.ts';
import { writeFormats } from '../render/write-formats.ts';
import { yingkouDisclosure } from './yingkou.ts';

const key = (f: Finding) => JSON.stringify([f.rule, f.severity, f.message, f.location, f.expected ?? null, f.found ?? null]);

test('checking our xlsx, pdf and html gives the same findings as the disclosure.json (clean; and xlsx/html with a planted error)', async () => {
  const clean = yingkouDisclosure();
  const planted = yingkouDisclosure();
  planted.tables[2]!.rows[3]![2] = '792.50'; // 2010350 total no longer adds up
  for (const [label, d] of [
    ['clean', clean],
    ['planted', planted],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), `gongkai-check-${label}-`));
    writeFileSync(join(dir, 'disclosure.json'), JSON.stringify(d));
    // The PDF (slowest to render and read) is checked on the clean package only.
    const files = label === 'clean' ? ['disclosure.xlsx', 'disclosure.pdf', 'index.html'] : ['disclosure.xlsx', 'index.html'];
    await writeFormats(d, dir, label === 'clean' ? ['html', 'xlsx', 'pdf'] : ['html', 'xlsx']);
    const base = checkDisclosure((await readDisclosureFile(join(dir, 'disclosure.json'))).disclosure)
      .map(key)
      .sort();
    if (label === 'planted') assert.ok(base.length > checkDisclosure(clean).length, 'the planted error is found');
    for (const f of files) {
      const got = checkDisclosure((await readDisclosureFile(join(dir, f))).disclosure)
        .map(key)
        .sort();
      assert.deepEqual(got, base, `${label} ${f}`);
    }
  }
});
