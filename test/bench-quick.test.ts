// The benchmark script in its tiny mode: every figure is present (not a timing assertion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wrkInstalled } from '../bench/http-load.ts';

const root = join(import.meta.dirname, '..');

test('npm run bench -- --quick --json reports every figure, the machine and the date, and leaves BENCHMARKS.md alone', () => {
  const before = (() => {
    try {
      return readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
    } catch {
      return undefined;
    }
  })();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/run.ts'), '--quick', '--json'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, any>;
  const measured = (key: string, ...figures: string[]) => {
    const m = j[key] as Record<string, unknown>;
    assert.ok(!('notMeasured' in m), `${key}: not measured: ${m.notMeasured}`);
    for (const f of [...figures, 'peakRssMiB']) assert.ok(typeof m[f] === 'number' && Number.isFinite(m[f]) && (m[f] as number) > 0, `${key}.${f} = ${m[f]}`);
  };
  measured('floor', 'unitsPerSecond');
  measured('build', 'unitsPerSecond', 'ratioToFloor');
  measured('read', 'documentsPerSecond', 'mbPerSecond', 'cpuMsPerDocument');
  measured('xlsx', 'msPerUnit');
  measured('pdf', 'msPerUnit');
  measured('portal', 'p50Ms', 'p99Ms', 'requestsPerSecond', 'serverCpuMsPerRequest', 'bytesPerResponse');
  assert.ok(['wrk', 'autocannon'].includes(j.portal.tool), `portal measured by ${j.portal.tool}`);
  assert.equal(j.portal.tool, wrkInstalled() ? 'wrk' : 'autocannon', 'wrk when installed');
  assert.ok(j.portal.p50Ms <= j.portal.p99Ms);
  assert.ok(j.portal.bytesPerResponse < j.portal.pageBytes, 'the page travels compressed');
  assert.equal(j.portal.non2xx, 0);
  measured('cliCheck', 'helpSeconds', 'batchSecondsPerDocument', 'batchPeakRssMiB', 'singleSeconds', 'singleRssMiB');
  assert.equal(j.cliCheck.batchSkipped, 0, 'every real PDF of the batch was read');
  assert.equal(j.cliCheck.batchChecked, j.cliCheck.documents);
  assert.ok(['dist', 'tsx'].includes(j.cliCheck.entry));
  assert.ok(j.memory.length >= 2, 'memory at two sizes at least');
  for (const m of j.memory) assert.ok(m.peakRssMiB > 0, `memory at ${m.units} units: ${m.notMeasured ?? ''}`);
  assert.equal(j.exports.length, 2, 'the oversight export at two sizes');
  for (const e of j.exports) assert.ok(e.peakRssMiB > 0 && e.healthChecks > 0 && e.units > 0, `export of ${e.units} units: ${e.notMeasured ?? ''}`);
  assert.ok(j.machine.cores >= 1 && j.machine.memoryGiB > 0 && /^v\d+/.test(j.machine.node));
  assert.match(j.date, /^\d{4}-\d{2}-\d{2}$/);
  // The table on stderr names each measurement.
  for (const word of ['floor', 'build + check', 'read text', 'XLSX', 'PDF', 'portal', 'start-up', 'check real PDFs', 'memory']) assert.ok(r.stderr.includes(word), `table lacks ${word}`);
  const after = (() => {
    try {
      return readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
    } catch {
      return undefined;
    }
  })();
  assert.equal(after, before, '--quick does not rewrite BENCHMARKS.md');
});
