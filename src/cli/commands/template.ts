import type { Command } from 'commander';
import { addInferCommand } from '../template-infer.ts';

export function register(program: Command) {
  const template = program.command('template').description('模板（版式）：由公开文件学得版式');
  addInferCommand(template);
}
