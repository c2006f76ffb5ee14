/**
 * Chinese messages for budget input problems: a field path (["lines", 3, "amount"]) becomes the
 * place a finance officer recognises ("第4条支出明细（lines[3]）金额"), zod's issues become sentences
 * about that place, and an unknown field name gets the closest known one as a suggestion.
 * The English path stays in the message (in brackets) so the field can be found in the JSON.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { FUNDING_SOURCE_NAMES } from './budget.ts';

export type PathPart = string | number;

/** `lines[3].amount` from ["lines", 3, "amount"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(根)';
}

/** `lines[3].amount` → ["lines", 3, "amount"] (the inverse of formatPath). */
export function parsePath(path: string): PathPart[] {
  const out: PathPart[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

/** Chinese names of array fields: what one element is called ("第4条支出明细"). */
const ITEMS: Record<string, { measure: string; name: string }> = {
  lines: { measure: '条', name: '支出明细' },
  projects: { measure: '个', name: '项目' },
  units: { measure: '个', name: '所属单位' },
  procurement: { measure: '项', name: '政府采购' },
  purchasedServices: { measure: '项', name: '政府购买服务' },
  debt: { measure: '项', name: '债务支出' },
  tasks: { measure: '项', name: '整体绩效任务' },
  indicators: { measure: '条', name: '绩效指标' },
  duties: { measure: '条', name: '主要职责' },
  unitsIncluded: { measure: '个', name: '预算单位构成' },
};

/** Chinese names of object fields, by field name (the same name means the same thing throughout). */
const FIELDS: Record<string, string> = {
  $schema: '格式声明',
  year: '预算年度',
  approvalDate: '批复日期',
  scope: '预算范围',
  unit: '单位',
  units: '所属单位',
  income: '收入',
  lines: '支出明细',
  projects: '项目',
  overallGoal: '整体绩效目标',
  threePublic: '“三公”经费',
  procurement: '政府采购',
  purchasedServices: '政府购买服务',
  debt: '债务支出',
  prior: '上年数',
  reasons: '增减原因',
  codeNames: '科目名称',
  code: '编码',
  name: '名称',
  regionCode: '行政区划代码',
  kind: '类型',
  supervisor: '主管部门',
  duties: '主要职责',
  dutiesIntro: '职责概述',
  organisation: '机构设置',
  unitsIncluded: '预算单位构成',
  functionCode: '功能分类科目编码',
  econCode: '部门经济分类科目编码',
  govEconCode: '政府经济分类科目编码',
  source: '资金来源',
  projectId: '项目编号',
  amount: '金额',
  note: '备注',
  id: '项目编号',
  implementer: '实施单位',
  goal: '绩效目标',
  needsGoals: '是否需要绩效目标',
  tasks: '任务',
  goals: '目标',
  project: '项目',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  operator: '运算符',
  value: '指标值',
  deadline: '完成时限',
  category: '类别',
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleRunning: '公务用车运行维护费',
  reception: '公务接待费',
  vehicle: '公务用车',
  total: '合计',
  basic: '基本支出',
  operatingCost: '运行经费',
  ...FUNDING_SOURCE_NAMES,
};

/** Chinese words for enum values, shown beside the value itself in "可选值" lists. */
const VALUE_NAMES: Record<string, string> = {
  personnel: '人员经费',
  public: '公用经费',
  project: '项目支出',
  goods: '货物',
  services: '服务',
  works: '工程',
  unit: '单位预算',
  department: '部门预算',
  ...FUNDING_SOURCE_NAMES,
};

/**
 * Where a path points, in Chinese with the path in brackets: ["lines", 3] → "第4条支出明细（lines[3]）";
 * ["unit"] → "单位（unit）"; [] → "预算数据".
 */
export function describePlace(path: readonly PathPart[]): string {
  if (path.length === 0) return '预算数据';
  const last = path[path.length - 1]!;
  if (typeof last === 'number') {
    const field = String(path[path.length - 2] ?? '');
    const item = ITEMS[field];
    return item ? `第${last + 1}${item.measure}${item.name}（${formatPath(path)}）` : `${formatPath(path)}`;
  }
  // A field inside an array element or object: the element's place, then the field's name.
  const parent = path.slice(0, -1);
  const name = FIELDS[last] ?? `字段 ${last}`;
  if (parent.length === 0) return `${name}（${last}）`;
  if (parent[0] === 'codeNames') return `科目 ${last} 的名称（codeNames）`;
  return `${describePlace(parent)}${name}`;
}

/** The value at a path of the input, for messages that quote what was given. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** A given value as a message quotes it: short and on one line. */
export function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  const one = s.replace(/\s+/g, ' ');
  return `“${one.length > 40 ? `${one.slice(0, 40)}…` : one}”`;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（[…]）',
  object: '对象（{…}）',
  record: '对象（{…}）',
};

/** The closest known name to an unknown one, when close enough to be a likely misspelling. */
export function suggest(unknown: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(unknown, known as string[]);
  const d = distance(unknown.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** The schema an input path leads to (through arrays, optionals and defaults), if any. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const p of path) {
    if (!s) return undefined;
    const def = s._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
    if (def.type === 'object' && typeof p === 'string') s = def.shape?.[p];
    else if (def.type === 'array' && typeof p === 'number') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
    s = s && unwrap(s);
  }
  return s;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const def = cur._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) cur = def.innerType;
    else return cur;
  }
}

/** Known field names of the object a path points to. */
export function knownFields(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  const def = s?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

export interface LocatedMessage {
  path: PathPart[];
  message: string;
}

/**
 * One zod issue as Chinese messages (an unknown-keys issue gives one per key, located at the key).
 * `input` is what was validated, to quote the value given.
 */
export function issueMessages(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): LocatedMessage[] {
  const path = issue.path.filter((p): p is PathPart => typeof p === 'string' || typeof p === 'number');
  const place = describePlace(path);
  const given = valueAt(input, path);
  const one = (message: string): LocatedMessage[] => [{ path, message }];
  if (given === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'too_small' && path.length) return one(`${place}缺失（必填）`);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownFields(schema, path);
      return issue.keys.map((key) => {
        const hint = suggest(key, known);
        const where = path.length ? `${place}中的` : '';
        return { path: [...path, key], message: `${where}未知字段 ${key}${hint ? `，是否应为 ${hint}？` : `；可用的字段：${known.join('、')}`}` };
      });
    }
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return one(`${place}应为${expected}，现为${given === null ? ' null' : quote(given)}`);
    }
    case 'invalid_union':
      // The only union of the schema is an amount: yuan as a number or a decimal string.
      return one(`${place}应为以元为单位的金额（数字或文字，如 1234.56 或 "1234.56"），现为${given === null ? ' null' : quote(given)}`);
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const listed = options.map((o) => (VALUE_NAMES[o] ? `${o}（${VALUE_NAMES[o]}）` : o === '' ? '（空）' : o)).join('、');
      const hint = typeof given === 'string' ? suggest(given, options.filter(Boolean)) : undefined;
      return one(`${place}${quote(given)}不是可选的值${hint ? `，是否应为 ${hint}？` : '。'}可选：${listed}`);
    }
    case 'invalid_format':
      return one(`${place}${issue.message.startsWith('应为') ? issue.message : '格式不正确'}，现为${quote(given)}`);
    case 'too_small':
      if (issue.origin === 'array') return one(/^[\u4e00-\u9fff]/.test(issue.message) ? `${place}：${issue.message}` : `${place}至少需要 ${String(issue.minimum)} 项`);
      if (issue.origin === 'string') return one(`${place}不能为空`);
      return one(`${place}不能小于 ${String(issue.minimum)}，现为 ${String(given)}`);
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return one(`${place}过长（最多 ${String(issue.maximum)}）`);
      return one(`${place}不能大于 ${String(issue.maximum)}，现为 ${String(given)}`);
    case 'invalid_key':
      return one(`${place}中有不合格的键`);
    case 'invalid_element':
      return one(`${place}中有不合格的元素`);
    default:
      return one(`${place}不符合要求${/[\u4e00-\u9fff]/.test(issue.message) ? `：${issue.message}` : ''}`);
  }
}
