/**
 * Writes data/families/<id>.json — the layout families of the real corpus, learned from the tables
 * each published document prints (fixtures/real/truth, established by reading the documents):
 * per family its tables in order, each with its role and the names documents of the family give it.
 * The reader uses them to say which layout a document follows and how sure it is
 * (src/read/text/families.ts). Run: node --import tsx scripts/families-from-truth.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { titleKey } from '../src/read/text/families.ts';
import { corpusDocuments } from './corpus-lib.ts';

/** Names people use for the families (Chinese, shown in reports). */
const NAMES: Record<string, string> = {
  'shanghai-9': '上海市部门（单位）预算公开（9张表）',
  'mof-final-9': '财政部部门决算公开（9张表）',
  'mof-final-8': '财政部部门决算公开（2019年版，8张表）',
  'jiangsu-12-2019': '江苏省省级部门预算公开（2019年版，公开01–12表）',
  'jiangsu-12-2018': '江苏省省级部门预算公开（2017–2018年版，12张表）',
  'jiangsu-city-13': '江苏省设区市部门预算公开（公开01–13表）',
  'beijing-13': '北京市部门预算公开（预算01–13表）',
  'shenzhen-11': '深圳市部门预算公开（表1–表11）',
  'guangzhou-12': '广州市部门预算公开（表1–表12）',
  'chongqing-9': '重庆市部门预算公开（表一–表九）',
  'zhejiang-city-11': '浙江省设区市部门预算公开（表1–表11）',
  'fujian-city-10': '福建省设区市部门预算公开（10张表）',
  'changsha-10': '长沙市部门预算公开（10张表）',
  'yantai-12': '烟台市部门预算公开（公开表1–12）',
  'shaanxi-16': '陕西省部门综合预算公开（表1–表16）',
  'changchun-11': '长春市部门预算公开（预算表1–11）',
  'central-9': '中央部门预算公开（部门公开表1–9）',
};

interface FamilyTable {
  no: number;
  role: string;
  names: string[];
}

const families = new Map<string, { kind: string; docs: string[]; tables: FamilyTable[] }>();
for (const doc of corpusDocuments()) {
  const t = doc.truth;
  if (!t || !t.tables.length || !NAMES[t.family]) continue;
  const fam = families.get(t.family) ?? { kind: t.kind, docs: [], tables: [] };
  fam.docs.push(doc.no);
  t.tables.forEach((table, i) => {
    const key = titleKey(table.title);
    const slot = fam.tables[i];
    if (!slot) {
      // Tables beyond those every document of the family prints are kept: a later document may match them.
      fam.tables.push({ no: i + 1, role: table.role, names: [key] });
    } else if (!slot.names.includes(key)) slot.names.push(key);
  });
  families.set(t.family, fam);
}

const dir = new URL('../data/families/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [id, fam] of families) {
  const out = { id, name: NAMES[id], kind: fam.kind, learnedFrom: fam.docs.map((n) => `fixtures/real/truth/${n}.json`), tables: fam.tables };
  writeFileSync(new URL(`${id}.json`, dir), JSON.stringify(out, null, 2) + '\n');
  console.log(`${id}: ${fam.tables.length} tables from documents ${fam.docs.join(', ')}`);
}
