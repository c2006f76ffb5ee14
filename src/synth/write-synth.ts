/**
 * `gongkai synth`: writes a synthetic province to a folder, one department at a time (memory flat
 * in the number of units):
 *   <out>/units/<department code>/<unit code>.json   unit budgets (scope "unit")
 *   <out>/departments/<department code>.json         department budgets = the sum of their units
 *   <out>/.synth.json                                what was generated (seed, counts, layout)
 * The manifest is a hidden file so that the folder holds budgets only: `gongkai build --batch <out>`
 * and `check --batch <out>` skip hidden files, as they skip .git. The same seed and count give
 * byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { departmentBudget } from '../generate/department-budget.ts';
import { planDepartments } from './plan.ts';
import { SYNTH_YEAR, synthUnitBudget } from './synth-unit.ts';

export interface SynthOptions {
  units: number;
  seed: number;
  outDir: string;
  /** Called after each department is written (progress). */
  onDepartment?: (unitsWritten: number) => void;
}

export interface SynthResult {
  units: number;
  departments: number;
  bytes: number;
  /** Where the manifest was written. */
  manifest: string;
}

/** File name of the manifest in the output folder (hidden: not one of the budgets). */
export const SYNTH_MANIFEST = '.synth.json';

export const toJsonText = (v: unknown) => JSON.stringify(v) + '\n';

export async function writeSynth(opts: SynthOptions): Promise<SynthResult> {
  if (!Number.isSafeInteger(opts.units) || opts.units < 1) throw new Error(`--units 应为正整数（现为 ${opts.units}）`);
  const result: SynthResult = { units: 0, departments: 0, bytes: 0, manifest: join(opts.outDir, SYNTH_MANIFEST) };
  await mkdir(join(opts.outDir, 'departments'), { recursive: true });
  for (const dept of planDepartments(opts.units, opts.seed)) {
    const dir = join(opts.outDir, 'units', dept.code);
    await mkdir(dir, { recursive: true });
    const budgets = dept.units.map(synthUnitBudget);
    for (let i = 0; i < budgets.length; i++) {
      const text = toJsonText(budgets[i]);
      await writeFile(join(dir, `${dept.units[i]!.code}.json`), text);
      result.bytes += Buffer.byteLength(text);
    }
    const text = toJsonText(departmentBudget({ code: dept.code, name: dept.name, regionCode: dept.regionCode }, budgets));
    await writeFile(join(opts.outDir, 'departments', `${dept.code}.json`), text);
    result.bytes += Buffer.byteLength(text);
    result.units += budgets.length;
    result.departments++;
    opts.onDepartment?.(result.units);
  }
  const manifest = {
    generator: 'gongkai synth',
    seed: opts.seed,
    year: SYNTH_YEAR,
    units: result.units,
    departments: result.departments,
    layout: { units: 'units/<department code>/<unit code>.json', departments: 'departments/<department code>.json' },
  };
  await writeFile(result.manifest, toJsonText(manifest));
  return result;
}
