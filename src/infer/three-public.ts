/**
 * The 三公 table's columns as a document prints them: which parts (因公出国（境）费, 公务接待费,
 * 公务用车 with or without its 购置费 / 运行费), in which order, and what some provinces print beside
 * them (机关运行经费, 会议费, 培训费 and a 合计 over all) → the projection's measures and a header
 * whose merged cells say the same (公务用车购置及运行费 over 小计 / 购置费 / 运行费; “三公”经费 over
 * its parts when 会议费 and 培训费 stand beside it).
 */
import { headerLabel } from './wording.ts';

interface Part {
  measure: string;
  words: RegExp;
  fallback: string;
}

const PARTS: Part[] = [
  { measure: 'abroad', words: /因公出国[（(]境[）)]费用?/, fallback: '因公出国（境）费' },
  { measure: 'reception', words: /公务接待费/, fallback: '公务接待费' },
  { measure: 'vehicle', words: /公务用车购置及运行(?:维护)?费/, fallback: '公务用车购置及运行费' },
  { measure: 'vehiclePurchase', words: /(?:公务用车)?购置费/, fallback: '公务用车购置费' },
  // Not the 运行费 inside "购置及运行费", not 机关运行经费.
  { measure: 'vehicleRunning', words: /(?<!及)(?:公务用车)?运行(?:维护)?费/, fallback: '公务用车运行费' },
  { measure: 'operatingCost', words: /机关运行经费|行政经费/, fallback: '机关运行经费' },
  { measure: 'meeting', words: /会议费/, fallback: '会议费' },
  { measure: 'training', words: /培训费/, fallback: '培训费' },
];

const TOTAL = /“?三公”?经费(?:财政拨款)?(?:预算)?(?:总额|合计|预算数)|合计|总计|总额/;
const VEHICLE_GROUP = ['vehicle', 'vehiclePurchase', 'vehicleRunning'];

export interface ThreePublicColumns {
  measures: string[];
  header: string[][];
}

/**
 * From the header's text in column order (columns.ts headerText) and the number of amounts the
 * document's row prints: a total the reader lost from the header (the row has one amount more than
 * the parts found) is put back first.
 */
export function threePublicColumns(text: string, printedAmounts: number): ThreePublicColumns {
  const hits: { at: number; measure: string; label: string }[] = [];
  for (const p of PARTS) {
    const m = p.words.exec(text);
    if (m) hits.push({ at: m.index, measure: p.measure, label: headerLabel(m[0]) });
  }
  if (!hits.length) return defaults();
  // Purchase or running without the vehicle subtotal: the subtotal is printed over them.
  const has = (m: string) => hits.some((h) => h.measure === m);
  if (!has('vehicle') && (has('vehiclePurchase') || has('vehicleRunning'))) {
    const at = Math.min(...hits.filter((h) => VEHICLE_GROUP.includes(h.measure)).map((h) => h.at));
    hits.push({ at: at - 0.5, measure: 'vehicle', label: '公务用车购置及运行费' });
  }
  // The vehicle group's columns stay together, subtotal first, where its first column was printed.
  const groupAt = Math.min(...hits.filter((h) => VEHICLE_GROUP.includes(h.measure)).map((h) => h.at), Infinity);
  for (const h of hits) if (VEHICLE_GROUP.includes(h.measure)) h.at = groupAt + VEHICLE_GROUP.indexOf(h.measure) / 10;
  hits.sort((a, b) => a.at - b.at);
  const others = has('meeting') || has('training');
  const total = TOTAL.exec(text);
  const measures = hits.map((h) => h.measure);
  const labels = new Map(hits.map((h) => [h.measure, h.label]));
  if (total || printedAmounts > measures.length) {
    const head = others ? ['grand', 'total'] : ['total'];
    measures.unshift(...head);
    // Beside 会议费 and 培训费 the first column adds them all: 合计, whatever the 三公 total is called.
    labels.set(head[0]!, others ? '合计' : total ? totalLabel(total[0]) : '“三公”经费合计');
    if (others) labels.set('total', '小计');
  }
  return { measures, header: headerOf(measures, labels) };
}

/** A total's label as printed, where it names the 三公 total; else “三公”经费合计. */
function totalLabel(printed: string): string {
  const l = headerLabel(printed);
  return l === '合计' || l === '总计' || /三公/.test(l) ? l : '“三公”经费合计';
}

function defaults(): ThreePublicColumns {
  const measures = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception'];
  const labels = new Map(PARTS.map((p) => [p.measure, p.fallback]));
  labels.set('total', '“三公”经费合计');
  return { measures, header: headerOf(measures, labels) };
}

/**
 * Header rows: with 会议费 / 培训费 beside the 三公 parts, three rows (合计 | “三公”经费 over 小计 and
 * the parts | 公务用车 over its own parts); otherwise two (公务用车 over 小计 / 购置费 / 运行费).
 */
function headerOf(measures: string[], labels: Map<string, string>): string[][] {
  const grouped = measures.includes('grand');
  const vehicleParts = measures.some((m) => m === 'vehiclePurchase' || m === 'vehicleRunning');
  const inThree = (m: string) => !['grand', 'operatingCost', 'meeting', 'training'].includes(m);
  const top: string[] = [];
  const mid: string[] = [];
  const low: string[] = [];
  let threeOpened = false;
  for (const m of measures) {
    const label = labels.get(m) ?? m;
    const vehicleColumn = VEHICLE_GROUP.includes(m) && vehicleParts;
    if (grouped) {
      if (inThree(m)) {
        top.push(threeOpened ? '' : '“三公”经费');
        threeOpened = true;
      } else top.push(label);
      mid.push(!inThree(m) ? '' : vehicleColumn ? (m === 'vehicle' ? label : '') : m === 'total' ? '小计' : label);
      low.push(vehicleColumn ? (m === 'vehicle' ? '小计' : label) : '');
    } else {
      mid.push(vehicleColumn ? (m === 'vehicle' ? label : '') : label);
      low.push(vehicleColumn ? (m === 'vehicle' ? '小计' : label) : '');
    }
  }
  if (grouped) return [top, mid, low];
  return vehicleParts ? [mid, low] : [mid];
}
