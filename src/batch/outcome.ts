/** A unit's findings reduced to what the batch reports: counts, the first errors, optionally all. */
import type { Finding } from '../rules/index.ts';
import type { UnitOutcome } from './run-batch.ts';

export function outcome(unit: string, findings: Finding[], withFindings = false): UnitOutcome {
  let errors = 0;
  let warnings = 0;
  const firstErrors: string[] = [];
  for (const f of findings) {
    if (f.severity === 'error') {
      errors++;
      if (firstErrors.length < 3) firstErrors.push(`${f.rule}: ${f.message}`);
    } else if (f.severity === 'warning') warnings++;
  }
  return { unit, errors, warnings, firstErrors, ...(withFindings ? { findings } : {}) };
}

/** A skipped input's message without its own file name at the front: the batch prints that once. */
export function withoutFileName(message: string, file: string): string {
  for (const prefix of [`${file}: `, `${file}：`]) if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}
