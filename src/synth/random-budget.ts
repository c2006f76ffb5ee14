/**
 * Seeded random budgets for property tests, planted-defect tests, round trips and the benchmark.
 * Deterministic: the same seed gives the same budget. Codes come from the 2024 catalog (项 codes
 * whose 类 and 款 are named, 款 economic codes under a named 类), so a random budget validates with
 * no name warnings. Amounts are arbitrary fen (not multiples of 100 yuan), so rounding is exercised;
 * stated income equals the lines of each source; projects carry goals and indicators.
 */
import { FUNDING_SOURCES, UNIT_KINDS, type BudgetInput, type FundingSource, type UnitKind } from '../core/budget.ts';
import { loadCatalog } from '../core/catalog.ts';
import { formatCents } from '../core/money.ts';
import { createRng, type Rng } from './rng.ts';

export interface RandomBudgetOptions {
  /** Number of expenditure lines (default 5–40). */
  lines?: number;
  /** Number of projects (default 0–6). */
  projects?: number;
  kind?: UnitKind;
  /** Budget year (default: drawn from 2023–2025). */
  year?: number;
  /** 'department': 2–4 units of mixed kinds, every line and project tagged with its unit. */
  scope?: 'unit' | 'department';
}

interface Codes {
  functionItems: string[];
  econ: { personnel: string[]; public: string[]; project: string[] };
}

let codesCache: Codes | undefined;

function codes(): Codes {
  if (codesCache) return codesCache;
  const cat = loadCatalog(2024);
  const functionItems = [...cat.function.keys()].filter((c) => c.length === 7 && cat.function.has(c.slice(0, 5)) && cat.function.has(c.slice(0, 3))).sort();
  const econ5 = [...cat.deptEcon.keys()].filter((c) => c.length === 5 && cat.deptEcon.has(c.slice(0, 3))).sort();
  const threePublic = ['30212', '30217', '30231', '31013'];
  codesCache = {
    functionItems,
    econ: {
      personnel: econ5.filter((c) => c.startsWith('301') || c.startsWith('303')).concat('30239'),
      public: econ5.filter((c) => c.startsWith('302') && !threePublic.includes(c)),
      // 309 (基本建设) has no row in the partial correspondence; leaving it out keeps random budgets warning-free.
      project: econ5.filter((c) => /^(301|302|303|310)/.test(c)),
    },
  };
  return codesCache;
}

const yuan = (fen: number) => formatCents(fen, false);

/** Fen, spread over magnitudes from 0.01 yuan to a few million yuan. */
function amount(rng: Rng): number {
  const digits = rng.int(0, 9);
  return rng.int(1, Math.max(1, 10 ** digits - 1));
}

const INDICATOR_POOL = [
  ['产出指标', '数量指标', '服务事项数量', '>=', '120', '件'],
  ['产出指标', '数量指标', '培训人次', '>=', '300', '人次'],
  ['产出指标', '质量指标', '验收合格率', '=', '100', '%'],
  ['产出指标', '时效指标', '按期完成率', '>=', '95', '%'],
  ['产出指标', '成本指标', '项目成本控制', '<=', '50', '万元'],
  ['效益指标', '社会效益指标', '服务覆盖面', '', '明显提升', ''],
  ['效益指标', '可持续影响指标', '长效机制建立', '', '健全', ''],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '>=', '90', '%'],
] as const;

function indicators(rng: Rng, year: number) {
  const n = rng.int(2, INDICATOR_POOL.length);
  const start = rng.int(0, INDICATOR_POOL.length - n);
  return INDICATOR_POOL.slice(start, start + n).map(([level1, level2, level3, operator, value, unit]) => ({
    level1,
    level2,
    level3,
    operator,
    value,
    unit,
    deadline: `${year}-12`,
  }));
}

const PROJECT_NAMES = ['信息系统运维', '业务培训', '专项调查', '设备购置', '政务服务保障', '档案数字化', '宣传推广', '执法装备', '课题研究', '安全生产检查'];
const REASONS = ['人员调整', '项目完成后相应减少', '新增重点工作任务', '落实过紧日子要求压减一般性支出', '车辆更新'];

export function randomBudget(seed: number, opts: RandomBudgetOptions = {}): BudgetInput {
  const rng = createRng(seed);
  const c = codes();
  const drawnYear = rng.pick([2023, 2024, 2025]); // drawn even when given, so other draws keep their seeds
  const year = opts.year ?? drawnYear;
  const department = opts.scope === 'department';
  const unitKind = opts.kind ?? rng.pick(UNIT_KINDS);
  const code = String(rng.int(100000, 999999));
  const units = department
    ? Array.from({ length: rng.int(2, 4) }, (_, i) => ({ code: `${code}${String(i + 1).padStart(3, '0')}`, name: `随机单位${seed}-${i + 1}`, kind: i === 0 ? unitKind : rng.pick(UNIT_KINDS) }))
    : [];
  const unitOf = () => (department ? rng.pick(units).code : undefined);

  // Sources: the general budget always, plus a few others.
  const sources: FundingSource[] = ['general', ...FUNDING_SOURCES.filter((s) => s !== 'general' && rng.chance(0.25))];
  const classes = rng.int(1, 4);
  const itemPool = Array.from({ length: classes * 2 }, () => rng.pick(c.functionItems));

  const projectCount = opts.projects ?? rng.int(0, 6);
  const projects = Array.from({ length: projectCount }, (_, i) => {
    const hasGoals = rng.chance(0.9);
    return {
      id: `P${String(i + 1).padStart(2, '0')}`,
      name: `${rng.pick(PROJECT_NAMES)}项目${i + 1}`,
      unit: unitOf(),
      supervisor: '随机主管部门',
      implementer: `随机单位${seed}`,
      goal: hasGoals ? `完成${year}年度${PROJECT_NAMES[i % PROJECT_NAMES.length]}任务，提升服务保障水平。` : '',
      indicators: hasGoals ? indicators(rng, year) : [],
      needsGoals: rng.chance(0.95),
    };
  });

  const lineCount = opts.lines ?? rng.int(5, 40);
  const lines: NonNullable<BudgetInput['lines']> = [];
  const lineFen: number[] = [];
  for (let i = 0; i < lineCount; i++) {
    const kind = projects.length && rng.chance(0.35) ? 'project' : rng.chance(0.7) ? 'personnel' : 'public';
    const project = kind === 'project' ? rng.pick(projects) : undefined;
    const fen = amount(rng);
    lineFen.push(fen);
    const econCode = rng.chance(0.08) ? rng.pick(['30212', '30217', '30231', '31013']) : rng.pick(c.econ[kind]);
    lines.push({
      unit: project?.unit ?? unitOf(),
      functionCode: rng.pick(itemPool),
      econCode,
      kind,
      source: rng.pick(sources),
      projectId: project?.id,
      amount: yuan(fen),
    });
  }

  const sumWhere = (pred: (i: number) => boolean) => lineFen.reduce((a, f, i) => (pred(i) ? a + f : a), 0);
  const income: Partial<Record<FundingSource, string>> = {};
  for (const s of sources) {
    const fen = sumWhere((i) => lines[i]!.source === s);
    if (fen > 0 || rng.chance(0.5)) income[s] = yuan(fen);
  }

  const total = sumWhere(() => true);
  const taskCount = rng.int(1, 3);
  const basicFen = sumWhere((i) => lines[i]!.kind !== 'project');
  const tasks = Array.from({ length: taskCount }, (_, i) => ({
    name: `基本支出保障任务${i + 1}`,
    project: '',
    amount: yuan(i === taskCount - 1 ? basicFen - Math.floor(basicFen / taskCount) * (taskCount - 1) : Math.floor(basicFen / taskCount)),
  }));

  const list = <T>(p: number, max: number, make: (i: number) => T): T[] => (rng.chance(p) ? Array.from({ length: rng.int(1, max) }, (_, i) => make(i)) : []);
  const procurement = list(0.4, 4, (i) => ({
    name: `采购事项${i + 1}`,
    category: rng.pick(['goods', 'services', 'works'] as const),
    amount: yuan(amount(rng)),
    source: rng.pick(sources),
    unit: unitOf(),
  }));
  const purchasedServices = list(0.3, 3, (i) => ({ name: `购买服务事项${i + 1}`, category: rng.pick(['技术性服务', '辅助性服务', '公共服务']), amount: yuan(amount(rng)), unit: unitOf() }));
  const debt = list(0.15, 2, (i) => ({ name: `债务项目${i + 1}`, functionCode: rng.pick(itemPool), amount: yuan(amount(rng)), unit: unitOf() }));

  const drift = (fen: number) => Math.max(0, fen + rng.int(-Math.floor(fen / 5), Math.floor(fen / 5)));
  const prior: NonNullable<BudgetInput['prior']> = rng.chance(0.8) ? { total: yuan(rng.chance(0.1) ? total : drift(total)) } : {};
  if (rng.chance(0.6))
    prior.threePublic = { abroad: yuan(rng.int(0, 1) * amount(rng)), vehiclePurchase: 0, vehicleRunning: yuan(rng.int(0, 3_000_000)), reception: yuan(rng.int(0, 1) * rng.int(0, 500_000)) };
  if (rng.chance(0.5)) prior.operatingCost = yuan(amount(rng));
  if (rng.chance(0.3)) prior.procurement = yuan(amount(rng));

  const budget: BudgetInput = {
    year,
    scope: department ? 'department' : 'unit',
    unit: {
      code,
      name: `随机${department ? '部门' : '单位'}${seed}`,
      regionCode: rng.pick(['210800', '210100', '310107', '320000']),
      kind: unitKind,
      supervisor: '随机主管部门',
      dutiesIntro: '主要职责是：',
      duties: ['负责本领域政策的组织实施。', '承办上级交办的其他事项。'].slice(0, rng.int(1, 2)),
      organisation: rng.chance(0.5) ? '内设综合科、业务科。' : '',
      unitsIncluded: department ? units.map((u) => u.name) : [],
    },
    units,
    income,
    lines,
    projects,
    overallGoal: { tasks, goals: `全面完成${year}年度各项工作任务。`, indicators: indicators(rng, year) },
    procurement,
    purchasedServices,
    debt,
    prior,
    reasons: {
      total: rng.chance(0.8) ? rng.pick(REASONS) : '',
      threePublic: rng.chance(0.5) ? rng.pick(REASONS) : '',
      abroad: '',
      reception: '',
      vehicle: '',
      operatingCost: rng.chance(0.5) ? rng.pick(REASONS) : '',
    },
  };
  if (rng.chance(0.15)) {
    budget.threePublic = {
      abroad: yuan(rng.int(0, 200_000)),
      vehiclePurchase: yuan(rng.int(0, 1) * rng.int(0, 30_000_000)),
      vehicleRunning: yuan(rng.int(0, 3_000_000)),
      reception: yuan(rng.int(0, 500_000)),
    };
  }
  return budget;
}
