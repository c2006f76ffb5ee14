/** The readable check report: findings grouped by table (then narrative sections), most severe first. */
import type { Finding, Severity } from './types.ts';
import { SEVERITY_NAMES as LABEL, SEVERITY_ORDER, summarize } from './types.ts';

function groupOf(f: Finding): string {
  if (f.location.table !== undefined) return `表${f.location.table}`;
  if (f.location.section) return f.location.section;
  return '全文';
}

/** The report people read: findings grouped by table (then narrative section), most severe first, with counts. */
export function formatReport(findings: Finding[], title: string): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(groupOf(f), [...(groups.get(groupOf(f)) ?? []), f]);
  const worst = (fs: Finding[]) => Math.min(...fs.map((f) => SEVERITY_ORDER[f.severity]));
  const ordered = [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]) || tableNo(a[0]) - tableNo(b[0]));
  const lines: string[] = [title];
  const s = summarize(findings);
  lines.push(`错误 ${s.error} · 警告 ${s.warning} · 提示 ${s.info}`, '');
  for (const [group, fs] of ordered) {
    lines.push(`■ ${group}`);
    for (const f of [...fs].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])) lines.push(`  [${LABEL[f.severity]}] ${f.message}  (${f.rule})`);
    lines.push('');
  }
  if (findings.length === 0) lines.push('未发现问题。');
  return lines.join('\n');
}

function tableNo(group: string): number {
  const m = /^表(\d+)$/.exec(group);
  return m ? Number(m[1]) : 999;
}
