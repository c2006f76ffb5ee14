import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

const ROLES = ['unit', 'department', 'admin'] as const;

async function openStore(data: string) {
  const { Store } = await import('../../store/store.ts');
  return Store.open({ databaseUrl: process.env.DATABASE_URL, dataDir: data });
}

async function readPassword(opt: string | undefined): Promise<{ password: string; generated: boolean }> {
  if (opt) return { password: opt, generated: false };
  if (process.env.GONGKAI_PASSWORD) return { password: process.env.GONGKAI_PASSWORD, generated: false };
  const { randomPassword } = await import('../../auth/password.ts');
  return { password: randomPassword(), generated: true };
}

export function register(program: Command) {
  const user = program.command('user').description('portal accounts (账号管理)');
  user
    .command('add')
    .description('create an account: unit officer (one unit), department (its units) or bureau admin')
    .requiredOption('-u, --username <name>', 'user name')
    .requiredOption('-r, --role <role>', `role: ${ROLES.join(' | ')}`)
    .option('--unit <code>', 'unit code (role unit) or department code (role department)')
    .option('--unit-name <name>', 'create the unit with this name if it does not exist')
    .option('--department <code>', 'supervising department of a unit created here')
    .option('--region <code>', 'region code of a unit created here', '210800')
    .option('--kind <kind>', 'kind of a unit created here (行政 / 事业 / 参公)', '行政')
    .option('--password <password>', 'password (else $GONGKAI_PASSWORD, else a random one is printed)')
    .option('-d, --data <dir>', 'data directory', './data')
    .action(async (o: { username: string; role: string; unit?: string; unitName?: string; department?: string; region: string; kind: string; password?: string; data: string }) => {
      if (!(ROLES as readonly string[]).includes(o.role)) throw new UserError(`--role: "${o.role}" is not one of ${ROLES.join(', ')}`);
      if (o.role !== 'admin' && !o.unit) throw new UserError(`--unit is required for role ${o.role}`);
      if (!/^[\w.@-]{2,64}$/.test(o.username)) throw new UserError(`--username: "${o.username}" must be 2–64 letters, digits or . _ @ -`);
      const { hashPassword, passwordProblem } = await import('../../auth/password.ts');
      const { password, generated } = await readPassword(o.password);
      const problem = passwordProblem(password);
      if (problem) throw new UserError(`--password: ${problem}`);
      const store = await openStore(o.data);
      try {
        if (await store.getUserByName(o.username)) throw new UserError(`user ${o.username} already exists`);
        if (o.unit && !(await store.getUnit(o.unit))) {
          if (!o.unitName) throw new UserError(`unit ${o.unit} does not exist (give --unit-name to create it)`);
          if (!/^\d{6}$/.test(o.region)) throw new UserError(`--region: "${o.region}" must be a 6-digit region code`);
          await store.upsertUnit({
            code: o.unit,
            name: o.unitName,
            regionCode: o.region,
            kind: o.kind,
            scope: o.role === 'department' ? 'department' : 'unit',
            departmentCode: o.role === 'department' ? null : (o.department ?? null),
            approvalDate: null,
          });
          await store.audit({ actor: 'cli', action: 'unit.create', target: o.unit, outcome: 'ok', beforeHash: null, afterHash: null, detail: o.unitName });
        }
        await store.createUser({ username: o.username, passwordHash: await hashPassword(password), role: o.role as (typeof ROLES)[number], unitCode: o.role === 'admin' ? null : o.unit! });
        await store.audit({ actor: 'cli', action: 'user.create', target: o.username, outcome: 'ok', beforeHash: null, afterHash: null, detail: `${o.role} ${o.unit ?? ''}`.trim() });
        process.stdout.write(`created ${o.role} account ${o.username}${o.unit ? ` for ${o.unit}` : ''}${generated ? `; password: ${password}` : ''}\n`);
      } finally {
        await store.close();
      }
    });
  user
    .command('list')
    .description('list accounts')
    .option('-d, --data <dir>', 'data directory', './data')
    .action(async (o: { data: string }) => {
      const store = await openStore(o.data);
      try {
        for (const u of await store.listUsers()) process.stdout.write(`${u.username}\t${u.role}\t${u.unitCode ?? ''}\n`);
      } finally {
        await store.close();
      }
    });
}
