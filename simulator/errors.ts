// The failure forms (a)-(c) of docs/zadigx-api.md#error-shapes, built the way aslan renders them.
import type { SimResponse } from './response.js'

/** Description of every "not found" that comes straight from MongoDB. */
export const NO_DOCUMENTS = 'mongo: no documents in result'

// Fixed per-code messages (docs/zadigx-api.md#error-shapes, pkg/tool/errors/http_errors.go).
const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Request Not Found',
  500: 'Internal Error',
  6041: '更新模板失败',
  6060: '创建项目失败',
  6045: '验证模板失败',
  6068: '获取环境失败',
  6160: '创建工作流任务失败',
  6161: '获取工作流任务失败',
  6162: '列出工作流任务失败',
  6163: '取消工作流任务失败',
  6164: '重试工作流任务失败',
  6169: '批准工作流任务失败',
  6520: '新建编译模块失败',
  6523: '查询编译模块失败',
  6540: '新建或更新wokflow失败',
  6542: '查询workflow失败',
  6543: '删除workflow失败',
  6545: '预配置workflow失败',
  6890: '获取视图详情失败',
  6891: '列出视图失败',
  6892: '创建视图失败',
  6893: '更新视图失败',
  6894: '删除视图失败',
  6662: '获取交付物信息失败'
}

/** Form (a): a Zadig HTTP error; 6xxx/7xxx codes answer 400, others their code. */
export function zadigError(code: number, description: string): SimResponse {
  const status = code >= 6000 && code < 8000 ? 400 : code
  return {
    status,
    body: {
      type: 'error',
      message: MESSAGES[code] ?? 'Internal Error',
      code,
      description,
      extra: {}
    }
  }
}

/** Form (a) with code 400, the handlers' `ErrInvalidParam`. */
export function invalidParam(description: string): SimResponse {
  return zadigError(400, description)
}

/** Form (b): a plain Go error, always 500 with the literal `Internal Error: `. */
export function plainError(description: string): SimResponse {
  return {
    status: 500,
    body: { message: 'Internal Error: ', code: 500, description }
  }
}

/** Form (c): status line only (gateway 401, handler 403, must-bind 400). */
export function emptyError(status: number): SimResponse {
  return { status }
}

/** Thrown by the engine and the trigger planner; carries the exact response. */
export class SimHttpError extends Error {
  constructor(readonly response: SimResponse) {
    const body = response.body as { description?: string } | undefined
    super(body?.description ?? `HTTP ${response.status}`)
    this.name = 'SimHttpError'
  }
}
