/** OpenAPI 3.1 description of the JSON API. */
export function openApiDocument() {
  const json = (schema: object) => ({ content: { 'application/json': { schema } } });
  const err = { description: '错误（中文说明）', ...json({ type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }) };
  const codeYear = [
    { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: '单位编码' },
    { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 }, description: '预算年度' },
  ];
  const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' }, description: '登录时返回的 csrfToken' };
  const version = {
    type: 'object',
    properties: {
      unitCode: { type: 'string' },
      year: { type: 'integer' },
      version: { type: 'integer' },
      contentHash: { type: 'string', description: 'sha256: 规范化 JSON（键排序、无空白）的 sha256' },
      reason: { type: 'string' },
      publisherName: { type: 'string', description: '发布人的显示名称（不公开用户名）' },
      publishedAt: { type: 'string', format: 'date-time' },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Gongkai 预算公开平台 API', version: '1.0.0', description: '部门/单位预算公开：查阅、检查、编制与发布。写操作需要登录会话（Cookie）和 X-CSRF-Token。' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } } },
    paths: {
      '/health': {
        get: {
          summary: '健康检查',
          responses: { 200: { description: '正常', ...json({ type: 'object', properties: { status: { const: 'ok' }, database: { enum: ['sqlite', 'postgres'] } } }) }, 503: err },
        },
      },
      '/api/units': { get: { summary: '单位列表及已公开年度', responses: { 200: { description: '单位', ...json({ type: 'object' }) } } } },
      '/api/units/{code}/{year}': {
        get: {
          summary: '已公开版本（默认最新）：公开文件、检查结果、内容哈希',
          parameters: [...codeYear, { name: 'version', in: 'query', schema: { type: 'integer' } }],
          responses: {
            200: { description: '版本', ...json({ ...version, properties: { ...version.properties, disclosure: { type: 'object' }, findings: { type: 'array' }, budget: {} } }) },
            404: err,
          },
        },
      },
      '/api/units/{code}/{year}/versions': {
        get: { summary: '版本历史', parameters: codeYear, responses: { 200: { description: '版本列表', ...json({ type: 'object', properties: { versions: { type: 'array', items: version } } }) } } },
      },
      '/api/session': {
        post: {
          summary: '登录（限制失败次数；会话 ID 在登录时轮换）',
          requestBody: { required: true, ...json({ type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } }, required: ['username', 'password'] }) },
          responses: {
            200: { description: '已登录；Set-Cookie: gk_session', ...json({ type: 'object', properties: { csrfToken: { type: 'string' }, role: { type: 'string' } } }) },
            401: err,
            415: err,
            429: err,
          },
        },
        delete: { summary: '退出', parameters: [csrf], responses: { 200: { description: '已退出' } } },
      },
      '/api/drafts/{code}/{year}': {
        get: { summary: '草稿、生成的公开文件和检查结果', security: [{ session: [] }], parameters: codeYear, responses: { 200: { description: '草稿' }, 401: err, 403: err, 404: err } },
        put: {
          summary: '保存草稿（乐观锁：baseVersion 必须等于当前版本，新建为 0）',
          security: [{ session: [] }],
          parameters: [...codeYear, csrf],
          requestBody: { required: true, ...json({ type: 'object', properties: { budget: { $ref: '/budget.schema.json' }, baseVersion: { type: 'integer' } }, required: ['budget', 'baseVersion'] }) },
          responses: {
            200: { description: '已保存', ...json({ type: 'object', properties: { version: { type: 'integer' }, findings: { type: 'array' } } }) },
            400: err,
            401: err,
            403: err,
            409: { description: '冲突：返回您的版本和当前版本', ...json({ type: 'object', properties: { error: { type: 'string' }, yours: {}, current: {} } }) },
            413: err,
            415: err,
            422: {
              description: '预算数据有误（草稿没有改动）：inputErrors 逐条列出字段路径和中文说明',
              ...json({ type: 'object', properties: { error: { type: 'string' }, inputErrors: { type: 'array' } } }),
            },
          },
        },
      },
      '/api/drafts/{code}/{year}/publish': {
        post: {
          summary: '发布草稿：有错误不能发布；有警告须 acknowledgeWarnings；更正须 reason',
          security: [{ session: [] }],
          parameters: [...codeYear, csrf],
          requestBody: {
            required: true,
            ...json({ type: 'object', properties: { baseVersion: { type: 'integer' }, acknowledgeWarnings: { type: 'boolean' }, reason: { type: 'string' } }, required: ['baseVersion'] }),
          },
          responses: { 201: { description: '已发布（不可修改）', ...json(version) }, 400: err, 401: err, 403: err, 404: err, 409: err, 422: err },
        },
      },
      '/api/check': {
        post: {
          summary: '检查上传的公开文件（.txt/.xlsx/.pdf/.html/.json），不保存',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { 200: { description: '检查结果', ...json({ type: 'object', properties: { findings: { type: 'array' }, problems: { type: 'array' } } }) }, 400: err, 413: err, 415: err },
        },
      },
      '/api/oversight': {
        get: {
          summary: '各单位公开状态与 20 天期限',
          security: [{ session: [] }],
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }],
          responses: { 200: { description: '状态' }, 401: err, 403: err },
        },
      },
      '/api/audit': { get: { summary: '审计日志（仅财政局管理员）', security: [{ session: [] }], responses: { 200: { description: '日志' }, 401: err, 403: err } } },
    },
  };
}
