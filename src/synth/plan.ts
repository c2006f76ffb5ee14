/**
 * The layout of a synthetic province: departments (部门) of a city, each with its own 机关 (an
 * administrative unit) and a few subordinate units (public institutions, some managed as civil
 * service 参公). A unit's code is its department's code followed by a 3-digit serial, and every
 * unit names the department as its supervisor, as in the corpus (041002 under 041).
 * Generated lazily: memory does not grow with the number of units.
 */
import type { UnitKind } from '../core/budget.ts';
import { createRng, deriveSeed } from './rng.ts';

export interface PlannedUnit {
  /** Position among all units (0-based), the unit's seed stream. */
  index: number;
  code: string;
  name: string;
  kind: UnitKind;
  regionCode: string;
  supervisor: string;
  /** Function class (类) the department's work is booked under. */
  functionClass: string;
  seed: number;
}

export interface PlannedDepartment {
  code: string;
  name: string;
  regionCode: string;
  functionClass: string;
  units: PlannedUnit[];
}

const CITIES: readonly (readonly [string, string])[] = [
  ['210100', '沈阳市'],
  ['210200', '大连市'],
  ['210300', '鞍山市'],
  ['210400', '抚顺市'],
  ['210500', '本溪市'],
  ['210600', '丹东市'],
  ['210700', '锦州市'],
  ['210800', '营口市'],
  ['210900', '阜新市'],
  ['211000', '辽阳市'],
  ['211100', '盘锦市'],
  ['211200', '铁岭市'],
  ['211300', '朝阳市'],
  ['211400', '葫芦岛市'],
];

/** Department archetypes: name, function class of its work, names of subordinate units. */
const DEPARTMENTS: readonly { name: string; cls: string; subs: readonly string[] }[] = [
  { name: '营商环境建设局', cls: '201', subs: ['营商环境建设中心', '政务服务中心', '公共资源交易中心', '12345政务服务便民热线中心'] },
  { name: '财政局', cls: '201', subs: ['财政事务服务中心', '国库集中支付中心', '政府采购中心', '财政投资评审中心'] },
  { name: '统计局', cls: '201', subs: ['统计调查队', '统计信息中心', '普查中心'] },
  { name: '市场监督管理局', cls: '201', subs: ['市场监管综合行政执法队', '质量技术监督检验所', '计量测试所', '消费者权益保护中心'] },
  { name: '司法局', cls: '204', subs: ['公证处', '法律援助中心', '社区矫正管理中心', '司法鉴定中心'] },
  { name: '教育局', cls: '205', subs: ['教育事务服务中心', '教师进修学院', '招生考试中心', '第一高级中学', '实验小学', '职业技术学校'] },
  { name: '科学技术局', cls: '206', subs: ['科技事务服务中心', '科学技术馆', '生产力促进中心'] },
  { name: '文化旅游和广播电视局', cls: '207', subs: ['图书馆', '博物馆', '文化馆', '文化市场综合行政执法队', '艺术剧院'] },
  { name: '人力资源和社会保障局', cls: '208', subs: ['就业服务中心', '社会保险事业服务中心', '劳动人事争议仲裁院', '技师学院'] },
  { name: '民政局', cls: '208', subs: ['社会福利院', '救助管理站', '殡葬服务中心', '婚姻登记服务中心'] },
  { name: '卫生健康委员会', cls: '210', subs: ['疾病预防控制中心', '卫生健康监督所', '中心医院', '妇幼保健院', '急救中心'] },
  { name: '生态环境局', cls: '211', subs: ['生态环境监测站', '生态环境保护综合行政执法队', '环境科学研究院'] },
  { name: '住房和城乡建设局', cls: '212', subs: ['城市建设服务中心', '建设工程质量安全监督站', '住房保障服务中心', '城市管理综合行政执法队'] },
  { name: '水利局', cls: '213', subs: ['水利事务服务中心', '水文局', '河道管理处'] },
  { name: '交通运输局', cls: '214', subs: ['交通运输事务服务中心', '公路管理处', '交通运输综合行政执法队'] },
  { name: '住房公积金管理中心', cls: '221', subs: ['住房公积金管理部', '住房公积金服务大厅'] },
  { name: '应急管理局', cls: '224', subs: ['应急管理综合行政执法队', '应急救援指挥中心', '地震监测中心'] },
];

/** Subordinate units managed as civil service (参公): enforcement teams and similar. */
const CANGONG = /执法队|调查队|监督所|仲裁院|国库集中支付中心|监督站/;

/** Streams the planned departments for `units` units in total, deterministic for `seed`. */
export function* planDepartments(units: number, seed: number): Generator<PlannedDepartment> {
  const width = Math.max(3, String(units).length);
  let next = 0;
  for (let d = 0; next < units; d++) {
    const rng = createRng(deriveSeed(seed, 'department', d));
    const arche = DEPARTMENTS[d % DEPARTMENTS.length]!;
    const [regionCode, city] = CITIES[Math.floor(d / DEPARTMENTS.length) % CITIES.length]!;
    // Beyond one full set of cities, the same department recurs as a district/county bureau.
    const round = Math.floor(d / (DEPARTMENTS.length * CITIES.length));
    const place = round === 0 ? city : `${city}第${round + 1}区`;
    const code = String(d + 1).padStart(width, '0');
    const name = `${place}${arche.name}`;
    const size = Math.min(units - next, 1 + rng.int(0, arche.subs.length));
    const planned: PlannedUnit[] = [];
    for (let k = 0; k < size; k++) {
      const sub = k === 0 ? undefined : arche.subs[k - 1]!;
      const kind: UnitKind = sub === undefined ? '行政' : CANGONG.test(sub) ? '参公' : '事业';
      const index = next++;
      planned.push({
        index,
        code: `${code}${String(k + 1).padStart(3, '0')}`,
        name: sub === undefined ? `${name}机关` : `${place}${sub}`,
        kind,
        regionCode,
        supervisor: name,
        functionClass: arche.cls,
        seed: deriveSeed(seed, 'unit', index),
      });
    }
    yield { code, name, regionCode, functionClass: arche.cls, units: planned };
  }
}
