/**
 * Year-on-year wording with exact integer arithmetic: the change in hundredths of 万元, its word
 * (增加 / 减少 / 持平; 增长 / 下降) and its percentage to two decimals, rounded half away from zero.
 */
import { formatCents } from '../core/money.ts';

export interface Change {
  diff: number;
  /** |diff| / prior in hundredths of a percent; undefined when the prior figure is zero. */
  percent?: number;
}

/** The change from the prior year's figure, with the percentage rounded half up (undefined when the prior figure is zero). */
export function compare(current: number, prior: number): Change {
  const diff = current - prior;
  if (prior === 0 || diff === 0) return { diff, percent: diff === 0 ? 0 : undefined };
  const d = BigInt(Math.abs(diff));
  const p = BigInt(Math.abs(prior));
  return { diff, percent: Number((2n * d * 10_000n + p) / (2n * p)) };
}

/** "2.83%"; whole percentages print without decimals ("100%"). */
export function percentText(hundredths: number): string {
  return hundredths % 100 === 0 ? `${hundredths / 100}%` : `${formatCents(hundredths, false)}%`;
}

/** Percentage of part in whole, in hundredths of a percent, rounded half away from zero. */
export function share(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Number((2n * BigInt(part) * 10_000n + BigInt(whole)) / (2n * BigInt(whole)));
}

/**
 * "比上年减少54.20万元，下降2.83%" / "与上年持平" / "比上年增加3.00万元" (prior zero: no percentage).
 * `basis` is what is compared with ("上年", "2023年预算").
 */
export function changePhrase(current: number, prior: number, basis: string): string {
  const c = compare(current, prior);
  if (c.diff === 0) return `与${basis}持平`;
  const up = c.diff > 0;
  const amount = `比${basis}${up ? '增加' : '减少'}${formatCents(Math.abs(c.diff))}万元`;
  return c.percent === undefined ? amount : `${amount}，${up ? '增长' : '下降'}${percentText(c.percent)}`;
}
