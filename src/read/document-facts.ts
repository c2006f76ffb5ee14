/** The document facts a reader found as free text (kind, scope, amount unit), kept only when valid. */
import type { Disclosure } from '../core/disclosure.ts';

export function documentFacts(kind?: string, scope?: string, amountUnit?: string): Pick<Disclosure, 'kind' | 'scope' | 'amountUnit'> {
  return {
    ...(kind === 'budget' || kind === 'final-account' ? { kind } : {}),
    ...(scope === 'unit' || scope === 'department' ? { scope } : {}),
    ...(amountUnit === '万元' || amountUnit === '元' ? { amountUnit } : {}),
  };
}
