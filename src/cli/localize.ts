/**
 * Commander speaks English by itself: its help headings ("Usage:", "Options:"), the help option
 * and command, "(default: …)", and its error messages ("error: unknown option '--x'"). This puts
 * them in Chinese. Set on the program before the commands are added: every command inherits it.
 */
import { Help, type Command } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const EXTRAS: Record<string, string> = { default: '默认', choices: '可选', preset: '预设', env: '环境变量' };

/** "(default: "3000", env: X)" at the end of a description → "（默认："3000"，环境变量：X）". */
function extrasInChinese(text: string): string {
  return text.replace(/ ?\(((?:default|choices|preset|env): .*)\)$/, (_, inner: string) => {
    const parts = inner.split(/, (?=(?:default|choices|preset|env): )/).map((p) => p.replace(/^(\w+): /, (_m, k: string) => `${EXTRAS[k]}：`));
    return `（${parts.join('，')}）`;
  });
}

/** Commander's error messages in Chinese; anything not recognised passes unchanged. */
export function translateCommanderError(message: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: missing required argument '(.+)'$/, (a) => `错误：缺少参数 ${a}`],
    [/^error: option '(.+)' argument missing$/, (o) => `错误：选项 ${o} 缺少取值`],
    [/^error: required option '(.+)' not specified$/, (o) => `错误：必须给出选项 ${o}`],
    [/^error: unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/, (o, s) => `错误：未知选项 ${o}${s ? `（是否应为 ${s}？）` : ''}`],
    [/^error: unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/, (c, s) => `错误：未知命令 ${c}${s ? `（是否应为 ${s}？）` : ''}`],
    [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `错误：${c ? `命令 ${c} 的` : ''}参数过多（应为 ${e} 个，给了 ${g} 个）`],
    [/^error: option '(.+)' argument '(.*)' is invalid\. ?(.*)$/s, (o, v, why) => `错误：选项 ${o} 的取值“${v}”无效${why ? `：${why}` : ''}`],
    [/^error: command-argument value '(.*)' is invalid for argument '(.+)'\. ?(.*)$/s, (v, a, why) => `错误：参数 ${a} 的取值“${v}”无效${why ? `：${why}` : ''}`],
    [/^error: (.+) cannot be used with (.+)$/, (a, b) => `错误：${a} 不能与 ${b} 同时使用`],
  ];
  const text = message.replace(/\n$/, '');
  for (const [re, make] of rules) {
    const m = re.exec(text);
    if (m) return `${make(...m.slice(1).map((x) => x ?? ''))}\n`;
  }
  return message;
}

export function localizeCommander(program: Command): Command {
  return program
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      optionDescription: (option) => extrasInChinese(Help.prototype.optionDescription.call(new Help(), option)),
      argumentDescription: (argument) => extrasInChinese(Help.prototype.argumentDescription.call(new Help(), argument)),
    })
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) })
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError('（加 --help 查看用法）');
}
