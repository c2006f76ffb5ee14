/**
 * Text printed by browsers with Noto CJK extracts some ideographs as radical code points
 * (部⻔ for 部门, ⼈⺠ for 人民). NFKC maps the Kangxi radicals (U+2F00–U+2FD5) to the unified
 * ideographs; the CJK Radicals Supplement (U+2E80–U+2EF3) mostly has no decomposition, so the
 * forms that stand for whole simplified characters are mapped here.
 */
const SUPPLEMENT: Record<string, string> = {
  '⺠': '民',
  '⺝': '月',
  '⺰': '纟',
  '⻁': '虎',
  '⻃': '覀',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻋': '车',
  '⻌': '辶',
  '⻍': '辶',
  '⻏': '阝',
  '⻐': '钅',
  '⻓': '长',
  '⻔': '门',
  '⻖': '阝',
  '⻘': '青',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻟': '飠',
  '⻠': '饣',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
};

const RE = new RegExp(`[${Object.keys(SUPPLEMENT).join('')}]`, 'gu');

/**
 * NFKC applies to the radical and compatibility-ideograph blocks only: applied to the whole text
 * it would also turn the full-width punctuation every disclosure prints （）：，into ASCII.
 */
const COMPAT = /[\u2F00-\u2FDF\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/gu;

export function normalizeCjk(s: string): string {
  return s.replace(COMPAT, (c) => c.normalize('NFKC')).replace(RE, (c) => SUPPLEMENT[c]!);
}
