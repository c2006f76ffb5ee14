/**
 * The audit log's action ids (English, stored and in the API) as people read them on the admin
 * page. An id without a label (a new action, an old row) is shown as it is.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  'login.throttled': '登录（尝试过多被暂缓）',
  logout: '退出登录',
  csrf: '表单校验失败（CSRF）',
  'draft.create': '新建草稿',
  'draft.update': '修改草稿',
  'draft.read': '查看草稿',
  'draft.upload': '上传预算数据',
  'draft.texts': '修改说明文字',
  'draft.from-published': '从已公开版本建立草稿',
  publish: '发布',
  'unit.create': '新建单位',
  'unit.template': '设置单位公开版式',
  'unit.template.read': '查看单位公开版式设置',
  'user.create': '新建账号',
  'user.passwd': '修改密码',
  'user.disable': '停用账号',
  'audit.read': '查看审计日志',
  'audit.verify': '校验审计日志哈希链',
  'oversight.read': '查看监督页面',
  'oversight.check': '批量检查',
  'oversight.export': '导出公开文件',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Who did it, as the admin page names them: system actors in Chinese, accounts by username. */
export function auditActorLabel(actor: string): string {
  if (actor === 'system') return '系统（首次启动）';
  if (actor === 'cli') return '命令行';
  if (actor === '(anonymous)') return '未登录访客';
  return actor;
}
