/**
 * Which template (layout) a unit's disclosure is generated in: the one its finance bureau chose in
 * the unit's settings, else the one of its region, city or province — a template's `region`
 * ("辽宁省", "上海市", "深圳市") is matched with the region's name — else the default. Template ids are data (data/templates/),
 * never written here.
 */
import { DEFAULT_TEMPLATE, listTemplates, loadTemplate, type Template } from '../core/template.ts';
import type { Unit } from '../store/store.ts';
import { regionName } from './regions.ts';

/** Budget templates meant for generation that load; a broken or reading-only file is skipped. */
export function generationTemplates(): Template[] {
  const out: Template[] = [];
  for (const id of listTemplates()) {
    try {
      const t = loadTemplate(id) as Template & { purpose?: string };
      if (t.kind === 'budget' && t.purpose !== 'read') out.push(t);
    } catch {
      // An invalid template file is reported by `gongkai template check`, not by the portal.
    }
  }
  return out;
}

/** The province a region code belongs to (210800 → 210000). */
export function provinceOf(regionCode: string): string {
  return /^\d{6}$/.test(regionCode) ? `${regionCode.slice(0, 2)}0000` : regionCode;
}

/** The regions a code belongs to, nearest first: itself, its city (440305 → 440300), its province. */
export function regionChain(regionCode: string): string[] {
  if (!/^\d{6}$/.test(regionCode)) return [regionCode];
  return [...new Set([regionCode, `${regionCode.slice(0, 4)}00`, provinceOf(regionCode)])];
}

/**
 * The region's template: the newest (by id) budget template of the nearest region that has one
 * (Shenzhen's before Guangdong's); the default where none has.
 */
export function regionTemplate(regionCode: string): string {
  const templates = generationTemplates();
  for (const code of regionChain(regionCode)) {
    const name = regionName(code);
    const mine = templates
      .filter((t) => t.region === name)
      .map((t) => t.id)
      .sort();
    if (mine.length) return mine.at(-1)!;
  }
  return DEFAULT_TEMPLATE;
}

/** The template a unit's disclosure is generated in (the bureau's choice while it still exists). */
export function unitTemplate(unit: Pick<Unit, 'regionCode' | 'template'>): string {
  if (unit.template && generationTemplates().some((t) => t.id === unit.template)) return unit.template;
  return regionTemplate(unit.regionCode);
}

/** "版式：辽宁省部门（单位）预算公开模板（17张表）" for public pages. */
export function layoutLabel(templateId: string): string {
  try {
    return `版式：${loadTemplate(templateId).name}`;
  } catch {
    return `版式：${templateId}`;
  }
}
