/**
 * Printed wording made general: what is particular to the one document a layout is learned from
 * (its year, its unit's name, table numbering, spaces a PDF put between characters) is cut or
 * turned into the template's placeholders ({year}, {unit}), so the template fits any unit and year.
 */

/** Spaces (also ideographic) dropped: PDFs print "收 入", "合 计" and wrap words apart. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** Numbering a province puts before a table's name: "预算01表", "表1：", "公开 01 表", "（一）", "一、". */
const TITLE_NUMBERING = [
  /^(?:部门公开|公开|预算|决算)?表\s*(?:\d{1,2}(?!\d)|[一二三四五六七八九十]{1,3})(?:[-—－]\d+)?\s*[:：.．、]?/,
  /^(?:部门公开|公开|预算|决算)\s*\d{1,3}\s*表\s*[:：.．、]?/,
  /^[一二三四五六七八九十]{1,3}\s*[、.．]/,
  /^\d{1,2}\s*[、.．]/,
  /^[(（]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]/,
];
const TITLE_TRAILING = [/[(（]\s*(?:部门)?(?:预算|决算|公开)?表\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]$/, /[(（]?续表?[)）]?$/];

/**
 * A table title as a template holds it: numbering, the year and the unit's name cut, spaces
 * dropped, quotes and full-width brackets kept as printed ("财政拨款预算“三公”经费支出表").
 */
export function tableTitle(printed: string, unitName: string): string {
  let t = squash(printed);
  const unit = squash(unitName);
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of [...TITLE_NUMBERING, /^\d{4}年度?/]) {
      const cut = t.replace(re, '');
      if (cut !== t && cut.length >= 3) {
        t = cut;
        changed = true;
      }
    }
    if (unit && t.startsWith(unit) && t.length - unit.length >= 3) {
      t = t.slice(unit.length);
      changed = true;
    }
  }
  for (const re of TITLE_TRAILING) t = t.replace(re, '');
  return t;
}

/** Printed text with the document's year and unit turned into {year}, {priorYear} and {unit}. */
export function generalise(text: string, year: number, unitName: string): string {
  let t = text
    .replace(/[\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Spaces around a year ("2026 年") are a PDF's, not the wording's.
  t = t.replace(/(\d{4})\s*年/g, '$1年');
  const unit = unitName.trim();
  if (unit.length >= 2) t = t.split(unit).join('{unit}');
  if (year > 0)
    t = t
      .split(`${year}年`)
      .join('{year}年')
      .split(`${year - 1}年`)
      .join('{priorYear}年');
  return t;
}

/** Header labels carry no year: "2026年预算数" is "本年预算数" in a template used for any year. */
export function headerLabel(text: string): string {
  return squash(text)
    .replace(/^\d{4}年度?/, '本年')
    .replace(/\d{4}年度?/g, '');
}

const NUMERALS = '一二三四五六七八九十';

/** 1 → 一, 12 → 十二 (headings up to 99). */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}十${ones ? NUMERALS[ones - 1] : ''}`;
}

/** "三、" / "（三）" numbering at the start of a heading. */
export const HEADING_NUMBER = /^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])\s*/;
