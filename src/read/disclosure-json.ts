/** A disclosure.json as the generator writes it: shape check with messages that name the field. */
import { z } from 'zod';
import type { Disclosure } from '../core/disclosure.ts';
import { UnreadableInputError } from './errors.ts';

const Source = z.object({ file: z.string().optional(), page: z.number().optional(), line: z.number().optional(), sheet: z.string().optional() });
const Section = z.object({ heading: z.string(), text: z.string(), part: z.enum(['profile', 'narrative']).optional(), source: Source.optional() });
const Table = z.object({
  no: z.number().int(),
  title: z.string(),
  unitLabel: z.string(),
  header: z.array(z.array(z.string())),
  rows: z.array(z.array(z.string())),
  note: z.string().optional(),
  key: z.string().optional(),
  amountUnit: z.enum(['万元', '元']).optional(),
  project: z.string().optional(),
  source: Source.optional(),
  rowSources: z.array(Source).optional(),
  readingDoubts: z.number().int().nonnegative().optional(),
});
export const DisclosureShape = z.object({
  unit: z.object({ code: z.string(), name: z.string(), kind: z.string().optional(), regionCode: z.string().optional(), supervisor: z.string().optional() }),
  year: z.number().int(),
  template: z.string(),
  kind: z.enum(['budget', 'final-account']).optional(),
  scope: z.enum(['unit', 'department']).optional(),
  amountUnit: z.enum(['万元', '元']).optional(),
  toc: z.array(z.string()),
  profile: z.array(Section).optional(),
  tables: z.array(Table),
  narrative: z.array(Section),
  glossary: z.array(z.object({ term: z.string(), text: z.string(), source: Source.optional() })),
  unplaced: z.array(z.object({ text: z.string(), reason: z.string(), source: Source.optional() })).optional(),
  layoutFamily: z.object({ id: z.string(), name: z.string(), confidence: z.number(), tables: z.number() }).optional(),
  source: z.object({ file: z.string(), format: z.enum(['txt', 'xlsx', 'pdf', 'html', 'json']) }).optional(),
});

export function parseDisclosureJson(text: string, file?: string): Disclosure {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UnreadableInputError(`不是有效的 JSON（${(e as Error).message}）`, file);
  }
  const r = DisclosureShape.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UnreadableInputError(`不是 disclosure.json：字段 ${issue.path.join('.') || '（根）'} 不符合格式`, file);
  }
  return r.data as Disclosure;
}
