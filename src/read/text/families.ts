/**
 * Layout families (data/families/<id>.json): the tables each province's or city's disclosures
 * print, in order, with the names their documents give them. A document no template describes is
 * matched against them so the reader can say which layout it follows and how sure it is; reading
 * itself still goes by each table's own title and header.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../core/template.ts';
import type { DocumentKind } from '../../core/disclosure.ts';
import { titleName } from './table-titles.ts';

export interface LayoutFamily {
  id: string;
  name: string;
  kind: DocumentKind;
  tables: { no: number; role: string; names: string[] }[];
}

/** A title as families compare it: its name without the scope words a unit puts in front. */
export function titleKey(title: string): string {
  return titleName(title)
    .replace(/^.*?(?=(?:部门|单位)?(?:综合预算|财务)?(?:收支|收入|支出|财政拨款|一般公共预算|政府性基金|国有资本|“?三公|项目|政府采购|政府购买|机关运行|部门整体|整体|专项))/, '')
    .replace(/^(?:部门|单位|预算单位|本年)+/, '')
    .replace(/[()（）]/g, '');
}

let loaded: LayoutFamily[] | undefined;

export function layoutFamilies(): LayoutFamily[] {
  if (loaded) return loaded;
  const dir = join(DATA_DIR, 'families');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    files = [];
  }
  loaded = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as LayoutFamily);
  return loaded;
}

export interface FamilyMatch {
  family: LayoutFamily;
  /** Share of the family's tables whose names the document prints. */
  share: number;
  found: number;
}

/** The family whose tables the document's table titles name best (share ≥ 0.75), or undefined. */
export function matchFamily(titles: string[], kind: DocumentKind): FamilyMatch | undefined {
  const keys = titles.map(titleKey);
  const names = (t: LayoutFamily['tables'][number]) => t.names.some((n) => keys.some((k) => k === n || (n.length >= 4 && (k.endsWith(n) || n.endsWith(k)) && k.length >= 4)));
  let best: FamilyMatch | undefined;
  for (const family of layoutFamilies()) {
    if (family.kind !== kind) continue;
    const found = family.tables.filter(names).length;
    const share = found / family.tables.length;
    // Of two families that fit as well, the one whose table count is nearer the document's.
    const nearer = () => Math.abs(family.tables.length - titles.length) < Math.abs(best!.family.tables.length - titles.length);
    if (!best || share > best.share || (share === best.share && nearer())) best = { family, share, found };
  }
  return best && best.share >= 0.75 ? best : undefined;
}
