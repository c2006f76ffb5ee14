/**
 * `gongkai user add | list | passwd | disable`: portal accounts from the command line (the first
 * admin account of a fresh portal is made here). Messages in Chinese. A password comes from
 * --password-stdin, $GONGKAI_PASSWORD or --password (visible to other users of the machine in the
 * process list; kept for scripts), else a random one is made and printed once.
 */
import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

const ROLES = ['unit', 'department', 'admin'] as const;
const ROLE_TEXT: Record<(typeof ROLES)[number], string> = { unit: '单位财务人员', department: '主管部门', admin: '财政局管理员' };

async function openStore(data: string) {
  const { Store } = await import('../../store/store.ts');
  const { DatabaseUnavailable } = await import('../../store/db-errors.ts');
  try {
    return await Store.open({ databaseUrl: process.env.DATABASE_URL, dataDir: data });
  } catch (e) {
    if (e instanceof DatabaseUnavailable) throw new UserError(e.message, 69);
    throw e;
  }
}

/** The first line of standard input (a password piped in: `printf %s "$PW" | gongkai user passwd x --password-stdin`). */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(0x0a) || Buffer.concat(chunks).length > 4096) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function readPassword(o: { password?: string; passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (o.passwordStdin) return { password: await firstLineOfStdin(), generated: false };
  if (process.env.GONGKAI_PASSWORD) return { password: process.env.GONGKAI_PASSWORD, generated: false };
  if (o.password) return { password: o.password, generated: false };
  const { randomPassword } = await import('../../auth/password.ts');
  return { password: randomPassword(), generated: true };
}

async function checkedPassword(o: { password?: string; passwordStdin?: boolean }) {
  const { passwordProblem } = await import('../../auth/password.ts');
  const r = await readPassword(o);
  const problem = passwordProblem(r.password);
  if (problem) throw new UserError(`密码不符合要求：${problem}`);
  return r;
}

const PASSWORD_HELP = '密码（更安全的做法：--password-stdin 或环境变量 GONGKAI_PASSWORD；都不给则生成随机密码并只显示这一次）';

export function register(program: Command) {
  const user = program.command('user').description('平台账号管理：新建、列出、改密码、停用');
  user
    .command('add')
    .description('新建账号：单位财务人员（一个单位）、主管部门（其所属单位）或财政局管理员')
    .requiredOption('-u, --username <name>', '用户名（登录用，不在公开页面显示）')
    .requiredOption('-r, --role <role>', `角色：${ROLES.map((r) => `${r}（${ROLE_TEXT[r]}）`).join('、')}`)
    .option('--unit <code>', '单位编码（role unit）或部门编码（role department）')
    .option('--display-name <name>', '显示名称（公开页面显示的发布人，默认为角色和单位编码）')
    .option('--unit-name <name>', '单位不存在时用此名称新建')
    .option('--department <code>', '在此新建的单位所属的主管部门编码')
    .option('--region <code>', '在此新建的单位的行政区划代码', '210800')
    .option('--kind <kind>', '在此新建的单位的类型（行政 / 事业 / 参公）', '行政')
    .option('--password <password>', PASSWORD_HELP)
    .option('--password-stdin', '从标准输入的第一行读取密码')
    .option('-d, --data <dir>', '数据文件夹', './data')
    .action(
      async (o: {
        username: string;
        role: string;
        unit?: string;
        displayName?: string;
        unitName?: string;
        department?: string;
        region: string;
        kind: string;
        password?: string;
        passwordStdin?: boolean;
        data: string;
      }) => {
        if (!(ROLES as readonly string[]).includes(o.role)) throw new UserError(`--role：“${o.role}”不是可用的角色（${ROLES.join('、')}）`);
        const role = o.role as (typeof ROLES)[number];
        if (role !== 'admin' && !o.unit) throw new UserError(`角色 ${role} 需要 --unit（单位或部门编码）`);
        if (!/^[\w.@-]{2,64}$/.test(o.username)) throw new UserError(`--username：“${o.username}”须为 2–64 个字母、数字或 . _ @ -`);
        if (o.displayName !== undefined && (o.displayName.trim() === '' || o.displayName.length > 100)) throw new UserError('--display-name：显示名称不能为空，且不超过 100 个字符');
        const { hashPassword } = await import('../../auth/password.ts');
        const { password, generated } = await checkedPassword(o);
        const store = await openStore(o.data);
        try {
          if (await store.getUserByName(o.username)) throw new UserError(`账号 ${o.username} 已存在`);
          if (o.unit && !(await store.getUnit(o.unit))) {
            if (!o.unitName) throw new UserError(`单位 ${o.unit} 不存在（用 --unit-name 给出名称即可同时新建）`);
            if (!/^\d{6}$/.test(o.region)) throw new UserError(`--region：“${o.region}”须为 6 位行政区划代码`);
            await store.upsertUnit({
              code: o.unit,
              name: o.unitName,
              regionCode: o.region,
              kind: o.kind,
              scope: role === 'department' ? 'department' : 'unit',
              departmentCode: role === 'department' ? null : (o.department ?? null),
              approvalDate: null,
            });
            await store.audit({ actor: 'cli', action: 'unit.create', target: o.unit, outcome: 'ok', beforeHash: null, afterHash: null, detail: o.unitName });
          }
          const created = await store.createUser({ username: o.username, passwordHash: await hashPassword(password), role, unitCode: role === 'admin' ? null : o.unit!, displayName: o.displayName });
          await store.audit({ actor: 'cli', action: 'user.create', target: o.username, outcome: 'ok', beforeHash: null, afterHash: null, detail: `${ROLE_TEXT[role]}${o.unit ? ` ${o.unit}` : ''}` });
          process.stdout.write(
            `已新建${ROLE_TEXT[role]}账号 ${o.username}${o.unit ? `（${o.unit}）` : ''}，显示名称“${created.displayName}”${generated ? `；密码：${password}（只显示这一次）` : ''}\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
  user
    .command('list')
    .description('列出账号：用户名、角色、单位、显示名称、状态')
    .option('-d, --data <dir>', '数据文件夹', './data')
    .action(async (o: { data: string }) => {
      const store = await openStore(o.data);
      try {
        for (const u of await store.listUsers()) process.stdout.write(`${u.username}\t${ROLE_TEXT[u.role]}\t${u.unitCode ?? ''}\t${u.displayName}\t${u.disabled ? '已停用' : '正常'}\n`);
      } finally {
        await store.close();
      }
    });
  user
    .command('passwd')
    .description('重设账号密码；该账号已有的登录全部失效')
    .argument('<username>', '用户名')
    .option('--password <password>', PASSWORD_HELP)
    .option('--password-stdin', '从标准输入的第一行读取密码')
    .option('-d, --data <dir>', '数据文件夹', './data')
    .action(async (username: string, o: { password?: string; passwordStdin?: boolean; data: string }) => {
      const { hashPassword } = await import('../../auth/password.ts');
      const { password, generated } = await checkedPassword(o);
      const store = await openStore(o.data);
      try {
        if (!(await store.setPassword(username, await hashPassword(password)))) throw new UserError(`账号 ${username} 不存在（gongkai user list 列出所有账号）`);
        await store.audit({ actor: 'cli', action: 'user.passwd', target: username, outcome: 'ok', beforeHash: null, afterHash: null, detail: '命令行重设密码，原有登录已失效' });
        process.stdout.write(`已重设账号 ${username} 的密码，原有登录已全部失效${generated ? `；新密码：${password}（只显示这一次）` : ''}\n`);
      } finally {
        await store.close();
      }
    });
  user
    .command('disable')
    .description('停用账号：不能再登录，已有的登录立即失效（发布记录保留）')
    .argument('<username>', '用户名')
    .option('-d, --data <dir>', '数据文件夹', './data')
    .action(async (username: string, o: { data: string }) => {
      const store = await openStore(o.data);
      try {
        const u = await store.getUserByName(username);
        if (!u) throw new UserError(`账号 ${username} 不存在（gongkai user list 列出所有账号）`);
        if (u.disabled) {
          process.stdout.write(`账号 ${username} 已是停用状态\n`);
          return;
        }
        await store.disableUser(username);
        await store.audit({ actor: 'cli', action: 'user.disable', target: username, outcome: 'ok', beforeHash: null, afterHash: null, detail: '命令行停用账号' });
        process.stdout.write(`已停用账号 ${username}，其登录已全部失效\n`);
      } finally {
        await store.close();
      }
    });
}
