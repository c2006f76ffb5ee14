/**
 * Tables found by what they are: a printed table title → the role it plays (收支总表, 收入总表, …),
 * whatever the province's numbering and wording. Real titles carry decorations around the name —
 * "公开 01 表", "预算 01表", "表1：", "表一", "一、", "（预算表 1）", a year, "市级部门", the unit's
 * name — and name the same table many ways ("收支总体情况表", "部门收支预算总表", "单位收支总体情况表").
 * The name is what is left once the decorations are cut; its role comes from its wording.
 */
import { roleOfWording, type TitleRole } from '../../core/table-wording.ts';
import type { TableLayout, TemplateTable } from '../../core/template.ts';

export type { TitleRole } from '../../core/table-wording.ts';
import { nfkc } from './normalize.ts';

/** Numbering and scope decorations cut from the front of a title (repeatedly). */
const LEADING = [
  /^(?:(?:部门公开|公开|预算|决算)?表\s*(?:\d{1,2}(?!\d)|[一二三四五六七八九十]{1,3})|(?:部门公开|公开|预算|决算)\s*\d{1,3}\s*表)(?:[-—－]\d+)?\s*[:：.．、]?/,
  /^[一二三四五六七八九十]{1,3}\s*[、.．]/,
  /^\d{1,2}\s*[、.．]/,
  /^[(（]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]/,
  /^\d{4}\s*年度?/,
  /^(?:区级|市级|省级|县级|中央)/,
];

/** Decorations cut from the end: "（预算表 1）", "(续)", "（续表）". */
const TRAILING = [/[(（]\s*(?:部门)?(?:预算|决算|公开)?表\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]$/, /[(（]?续表?[)）]?$/];

/** A title line's name: decorations cut, spaces and quotes dropped, brackets folded to ASCII. */
export function titleName(text: string): string {
  let t = nfkc(text).replace(/[\s\u3000“”"‘’']/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of LEADING) {
      const cut = t.replace(re, '');
      if (cut !== t && cut.length >= 3) {
        t = cut;
        changed = true;
      }
    }
  }
  for (const re of TRAILING) t = t.replace(re, '');
  return t;
}

/** The ending every table title has: 表, optionally with a parenthesis ("支出表（按功能分类科目）"). */
const ENDS_AS_TITLE = /(?:表|明细|情况)(?:\([^()]{1,16}\))?$/;
/** Sentence punctuation and contents-list leaders: never in a title. */
const NOT_TITLE = /[。，,；;：:…《》]|\.{3,}|…/;

/**
 * The role a line names when it is a table title printed on its own, or null. The unit's name may
 * stand before the table's name ("中共重庆市委宣传部收支总表"): the role only needs the wording.
 */
export function titleRole(text: string): { role: TitleRole; name: string } | null {
  if (!text.includes('表')) return null;
  const raw = text.trim();
  if (raw.length > 70) return null;
  const name = titleName(raw);
  if (name.length < 4 || name.length > 48 || NOT_TITLE.test(name) || !ENDS_AS_TITLE.test(name)) return null;
  // A title names money or goals: 目录 lines such as "部门预算公开表" (the part, not a table) are not titles.
  if (!/收|支|三公|经费|采购|绩效|购买服务|基金/.test(name)) return null;
  if (/^(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报)?表$|公开(?:报)?表$|报表$/.test(name)) return null;
  return { role: roleOfWording(name), name };
}

/** The layout a role's table is printed in, for reading it when no template describes it. */
export function layoutOfRole(role: TitleRole): TableLayout {
  switch (role) {
    case 'summary':
      return 'income-expenditure';
    case 'fiscal-summary':
      return 'fiscal-income-expenditure';
    case 'income':
    case 'expenditure':
    case 'general-expenditure':
    case 'general-basic':
    case 'fund-expenditure':
    case 'state-capital-expenditure':
    case 'fiscal-expenditure':
    case 'dept-econ':
    case 'gov-econ':
      return 'code-matrix';
    case 'three-public':
      return 'three-public';
    case 'overall-goal':
      return 'overall-goal';
    case 'project-goal':
      return 'project-goal';
    default:
      return 'other';
  }
}

/**
 * A template table for a table no template describes: its role, layout and title; its header is
 * left empty and taken from the printed header when the table is read (`header: []`).
 */
export function inferredSpec(no: number, role: TitleRole, title: string): TemplateTable {
  return {
    no,
    key: role === 'other' ? `table-${no}` : role,
    title,
    layout: layoutOfRole(role),
    header: [],
    ...(role === 'general-basic' || role === 'dept-econ'
      ? { rows: 'dept-econ' as const }
      : role === 'gov-econ'
        ? { rows: 'gov-econ' as const }
        : layoutOfRole(role) === 'code-matrix'
          ? { rows: 'function' as const }
          : {}),
  };
}
