/**
 * One synthetic unit budget of a planned province: randomBudget's lines, projects, goals,
 * procurement, purchased services and prior-year figures (codes from the 2024 catalog), sized as
 * real units are (50–400 lines, 0–40 projects), with the unit's place in the plan — code, name,
 * kind, region, supervising department — and the department's duties.
 */
import type { BudgetInput } from '../core/budget.ts';
import type { PlannedUnit } from './plan.ts';
import { randomBudget } from './random-budget.ts';
import { createRng, deriveSeed } from './rng.ts';

export const SYNTH_YEAR = 2024;

const REASONS = ['人员调整及工资标准变化', '项目完成后相应减少', '新增重点工作任务', '落实过紧日子要求压减一般性支出', '公务用车更新'];

const DUTIES_BY_CLASS: Record<string, string[]> = {
  '201': ['贯彻落实党中央及省市委关于本领域工作的方针政策和决策部署。', '负责本部门公共服务事项的组织实施和监督管理。', '承担机关日常运转、信息化建设和档案管理工作。'],
  '204': ['负责全市法治建设和法律服务相关工作。', '负责公共法律服务体系建设。', '指导监督基层司法所和人民调解工作。'],
  '205': ['贯彻执行国家教育方针和政策法规。', '负责各级各类教育的统筹规划和协调管理。', '负责教师队伍建设和教育督导工作。'],
  '206': ['负责科技创新体系建设和科技计划项目管理。', '负责科学技术普及工作。', '推动科技成果转化和产学研合作。'],
  '207': ['负责公共文化服务体系建设。', '负责文物保护和非物质文化遗产传承。', '负责文化旅游市场监管。'],
  '208': ['负责就业创业和社会保障相关工作。', '负责社会救助、社会福利和养老服务体系建设。', '负责劳动关系协调和劳动保障监察。'],
  '210': ['负责疾病预防控制和公共卫生服务。', '负责医疗机构监督管理和医疗服务体系建设。', '负责妇幼健康和卫生应急工作。'],
  '211': ['负责生态环境监测和污染防治监督管理。', '负责环境执法和生态环境保护督察。', '组织开展生态文明建设。'],
  '212': ['负责城乡建设规划的组织实施。', '负责建设工程质量安全监督。', '负责城市管理和市容环境卫生。'],
  '213': ['负责水资源保护和水利工程建设管理。', '负责防汛抗旱和河湖管理。', '负责水文监测和水土保持。'],
  '214': ['负责综合交通运输体系建设和管理。', '负责公路建设养护和道路运输管理。', '负责交通运输行政执法。'],
  '221': ['负责住房公积金的归集、使用和管理。', '负责住房公积金政策的组织实施。', '提供住房公积金缴存、提取和贷款服务。'],
  '224': ['负责应急管理体系建设和安全生产监督管理。', '负责应急救援指挥和防灾减灾工作。', '负责地震监测预报工作。'],
};

export function synthUnitBudget(u: PlannedUnit): BudgetInput {
  const rng = createRng(deriveSeed(u.seed, 'size'));
  // Most units are small; a few large ones carry hundreds of lines and dozens of projects.
  const lines = rng.chance(0.8) ? rng.int(50, 160) : rng.int(161, 400);
  const projects = Math.min(40, Math.floor((lines / 400) * rng.int(0, 40)) + rng.int(0, 4));
  const b = randomBudget(u.seed, { lines, projects, kind: u.kind, year: SYNTH_YEAR });
  b.unit = {
    ...b.unit,
    code: u.code,
    name: u.name,
    regionCode: u.regionCode,
    kind: u.kind,
    supervisor: u.supervisor,
    dutiesIntro: `${u.name}贯彻落实党中央关于${u.supervisor.replace(/^.*?市(第\d+区)?/, '')}工作的方针政策和决策部署。主要职责是：`,
    duties: DUTIES_BY_CLASS[u.functionClass] ?? DUTIES_BY_CLASS['201']!,
    unitsIncluded: [u.name],
    organisation: `纳入${u.name}${SYNTH_YEAR}年部门预算编制范围的单位为本级，内设综合科、财务科和业务科。`,
  };
  b.approvalDate = `${SYNTH_YEAR}-02-${String(rng.int(1, 20)).padStart(2, '0')}`;
  // A published unit budget states goals for each project in its own words, and 三公 as booked
  // in its lines; randomBudget leaves some projects without goals, repeats goal texts and draws
  // 三公 independently of the lines, which real data (and the checker) would not accept.
  // Project names carry the unit's name, so they stay distinct in the department's roll-up.
  const short = u.name.replace(/^.*?市(第\d+区)?/, '');
  b.projects = (b.projects ?? []).map((p) => ({
    ...p,
    name: `${short}${p.name}`,
    supervisor: u.supervisor,
    implementer: u.name,
    needsGoals: true,
    goal: `保障${p.name}按计划实施，完成${SYNTH_YEAR}年度${p.name.replace(/项目\d+$/, '')}各项任务，提升${u.name}履职能力和服务水平。`,
    indicators: [
      ...(p.indicators?.length ? p.indicators : []),
      { level1: '产出指标', level2: '数量指标', level3: `${p.name}完成事项数`, operator: '>=', value: String(rng.int(1, 60)), unit: '项', deadline: `${SYNTH_YEAR}-12` },
    ],
  }));
  delete b.threePublic;
  const reason = (r: string | undefined) => r || rng.pick(REASONS);
  b.reasons = {
    ...b.reasons,
    total: reason(b.reasons?.total),
    threePublic: reason(b.reasons?.threePublic),
    operatingCost: reason(b.reasons?.operatingCost),
    abroad: reason(b.reasons?.abroad),
    reception: reason(b.reasons?.reception),
    vehicle: reason(b.reasons?.vehicle),
  };
  return b;
}
