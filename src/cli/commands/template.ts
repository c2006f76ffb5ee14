import type { Command } from 'commander';
import { addCheckCommand } from '../template-check.ts';
import { addInferCommand } from '../template-infer.ts';
import { addSchemaCommand } from '../template-schema.ts';

export function register(program: Command) {
  const template = program.command('template').description('模板（版式）：检查模板文件，由公开文件学得版式');
  addCheckCommand(template);
  addInferCommand(template);
  addSchemaCommand(template);
}
