// Writes docs/rules.md from the rule registry: `node --import tsx scripts/gen-rules-doc.ts`.
import { writeFileSync } from 'node:fs';
import { rulesMarkdown } from '../src/rules/rules-doc.ts';

writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesMarkdown());
process.stdout.write('docs/rules.md written\n');
