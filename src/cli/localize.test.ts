import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { localizeCommander, translateCommanderError } from './localize.ts';

test("commander's error messages in Chinese", () => {
  const cases: [string, string][] = [
    ["error: missing required argument 'files'\n", '错误：缺少参数 files\n'],
    ["error: option '--threads <n>' argument missing\n", '错误：选项 --threads <n> 缺少取值\n'],
    ["error: required option '-o, --output <dir>' not specified\n", '错误：必须给出选项 -o, --output <dir>\n'],
    ["error: unknown option '--jsn'\n(Did you mean --json?)\n", '错误：未知选项 --jsn（是否应为 --json？）\n'],
    ["error: unknown option '--zzz'\n", '错误：未知选项 --zzz\n'],
    ["error: unknown command 'bild'\n(Did you mean build?)\n", '错误：未知命令 bild（是否应为 build？）\n'],
    ["error: too many arguments for 'rules'. Expected 0 arguments but got 1.\n", '错误：命令 rules 的参数过多（应为 0 个，给了 1 个）\n'],
    ["error: option '--threads <n>' argument 'x' is invalid. 应为不小于 1 的整数\n", '错误：选项 --threads <n> 的取值“x”无效：应为不小于 1 的整数\n'],
  ];
  for (const [en, zh] of cases) assert.equal(translateCommanderError(en), zh);
  assert.equal(translateCommanderError('gongkai：已是中文\n'), 'gongkai：已是中文\n', 'anything else passes unchanged');
});

test('help headings, the help option and defaults in Chinese, inherited by subcommands', () => {
  const program = localizeCommander(new Command()).name('demo').exitOverride();
  const sub = program.command('run').description('运行').option('-p, --port <port>', '端口', '3000');
  let out = '';
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  sub.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  assert.throws(() => program.parse(['node', 'demo', 'run', '--help']));
  assert.match(out, /^用法： demo run \[options\]/);
  assert.match(out, /选项：/);
  assert.match(out, /端口（默认："3000"）/);
  assert.match(out, /-h, --help +显示帮助/);
  assert.doesNotMatch(out, /Usage|Options|display help|default:/);
});
