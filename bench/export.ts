/**
 * The oversight export at province scale. Two phases, each its own process (bench/phase.ts):
 *  - `export-setup` publishes N synthetic units (src/synth/) into a portal's SQLite data folder:
 *    a few dozen distinct synthetic budgets are generated and each unit publishes one of them under
 *    its own code and name (generating 20,000 budgets would measure generation, not the export);
 *  - `export` starts the portal on that folder, signs in as the bureau admin, downloads
 *    /oversight/export.zip streaming (counting bytes, keeping none) and polls /health every 50 ms
 *    meanwhile. Its peak RSS (worker threads included) is the export's; run for 1,000 and 20,000
 *    units, their ratio is the "flat memory" figure, and the slowest /health answer the
 *    "portal keeps answering" one.
 */
import type { BudgetInput } from '../src/core/budget.ts';
import { generateOrThrow } from '../src/pipeline/generate.ts';
import { startPortal } from '../src/server/start.ts';
import { signInOverHttp } from '../src/server/test-client.ts';
import { planDepartments, type PlannedUnit } from '../src/synth/plan.ts';
import { synthUnitBudget, SYNTH_YEAR } from '../src/synth/synth-unit.ts';

const ADMIN_PASSWORD = 'bench-export-admin';
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

export async function exportSetupPhase(p: { units: number; dataDir: string; templates?: number }): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: p.dataDir, demoPasswords: { admin: ADMIN_PASSWORD }, log: () => {} });
  try {
    const templates: { budget: BudgetInput; disclosure: { unit: { code: string; name: string } }; findings: unknown[] }[] = [];
    let published = 0;
    for (const dept of planDepartments(p.units, 2024)) {
      await portal.store.upsertUnit({ code: dept.code, name: dept.name, regionCode: dept.regionCode, kind: '行政', scope: 'department', departmentCode: null, approvalDate: null });
      for (const u of dept.units) {
        if (published >= p.units) break;
        if (templates.length < (p.templates ?? 40)) {
          const budget = synthUnitBudget(u);
          const g = generateOrThrow(budget, u.code);
          templates.push({ budget, disclosure: g.disclosure, findings: g.findings });
        }
        const t = templates[published % templates.length]!;
        await publishAs(portal.store, u, dept.code, t);
        published++;
      }
      if (published >= p.units) break;
    }
    return { units: published, templates: templates.length, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await portal.close();
  }
}

async function publishAs(
  store: Awaited<ReturnType<typeof startPortal>>['store'],
  u: PlannedUnit,
  departmentCode: string,
  t: { budget: BudgetInput; disclosure: { unit: { code: string; name: string } }; findings: unknown[] },
) {
  await store.upsertUnit({ code: u.code, name: u.name, regionCode: u.regionCode, kind: u.kind, scope: 'unit', departmentCode, approvalDate: null });
  const disclosure = { ...t.disclosure, unit: { ...t.disclosure.unit, code: u.code, name: u.name } };
  const budget = { ...t.budget, unit: { ...t.budget.unit, code: u.code, name: u.name } };
  await store.publish({ unitCode: u.code, year: SYNTH_YEAR, disclosure, budget, findings: t.findings, reason: 'benchmark', actor: 'bench' });
}

export async function exportPhase(p: { dataDir: string }): Promise<Record<string, unknown>> {
  const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: p.dataDir, log: () => {} });
  try {
    const { status, cookie } = await signInOverHttp(portal.url, 'admin', ADMIN_PASSWORD);
    if (status !== 200) return { notMeasured: `admin sign-in answered ${status}` };
    // Warm-up: the first bytes of an export start the worker threads (their start-up is not the export's).
    const warm = await fetch(`${portal.url}/oversight/export.zip?year=${SYNTH_YEAR}`, { headers: { cookie } });
    for await (const _ of warm.body!) break;
    const health: number[] = [];
    let exporting = true;
    const poll = (async () => {
      while (exporting) {
        const t = performance.now();
        const r = await fetch(`${portal.url}/health`);
        await r.arrayBuffer();
        health.push(performance.now() - t);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${portal.url}/oversight/export.zip?year=${SYNTH_YEAR}`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) return { notMeasured: `export answered ${res.status}` };
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
    const seconds = (performance.now() - t0) / 1000;
    exporting = false;
    await poll;
    const units = (await portal.store.latestVersions()).length;
    health.sort((a, b) => a - b);
    return {
      units,
      seconds,
      unitsPerSecond: units / seconds,
      megabytes: bytes / 1e6,
      healthChecks: health.length,
      healthP50Ms: health[Math.floor(health.length / 2)] ?? 0,
      healthP99Ms: health[Math.floor(health.length * 0.99)] ?? 0,
      healthMaxMs: health.at(-1) ?? 0,
      peakRssMiB: peakRssMiB(),
    };
  } finally {
    await portal.close();
  }
}
