// Product-workflow OpenAPI routes (docs/zadigx-api.md#product-workflows; v1.18 handler/openapi.go
// OpenAPI*ProductWorkflow*). Registered only on 'v1.7': Zadig v4.0 removed them.
import type { FieldKind } from './bind.js'
import { decodeStruct, misfit, queryInt } from './bind.js'
import { emptyError, invalidParam, zadigError } from './errors.js'
import type { Route } from './http.js'
import { productTaskBrief, productTaskDetail } from './product-run.js'
import { ok, success } from './response.js'
import type { RouteContext } from './routes.js'
import { denied } from './routes-workflow-views.js'

type Handler = Route['handler']
type Obj = Record<string, unknown>

// OpenAPICreateProductWorkflowTaskArgs and its nested structs, for BindJSON.
const SHAPES: [string[], Record<string, FieldKind>][] = [
  [[], { workflow_key: 'string', project_key: 'string', input: 'object' }],
  [['input'], { target_env: 'string', build: 'object', deploy: 'object' }],
  [['input', 'build'], { enabled: 'bool', service_list: 'array' }],
  [
    ['input', 'deploy'],
    { enabled: 'bool', source: 'string', service_list: 'array' }
  ]
]

function at(value: Obj, path: string[]): Obj {
  let cur: unknown = value
  for (const key of path) cur = (cur as Obj | undefined)?.[key]
  return (cur ?? {}) as Obj
}

/** The decoded trigger body, or undefined when BindJSON fails (empty 400). */
function triggerBody(raw: string): Obj | undefined {
  const decoded = decodeStruct(
    raw,
    {},
    'workflow.OpenAPICreateProductWorkflowTaskArgs'
  )
  if (!decoded.ok) return undefined
  const bad = SHAPES.some(([path, fields]) =>
    misfit(at(decoded.value, path), fields, 'args')
  )
  return bad ? undefined : decoded.value
}

function trigger(ctx: RouteContext): Handler {
  return req => {
    const body = triggerBody(req.rawBody)
    if (!body) return emptyError(400)
    // OpenAPICreateProductWorkflowTaskArgs.Validate, in its order.
    if (!body.workflow_key) return invalidParam('workflowKey cannot be empty')
    if (!body.project_key) return invalidParam('projectKey cannot be empty')
    if (!body.input) return invalidParam('input cannot be empty')
    if (denied(ctx, req, String(body.project_key))) return emptyError(403)
    const creator = req.user?.name ?? ''
    const key = String(body.workflow_key)
    return ok(ctx.products.trigger(key, body.input as Obj, creator))
  }
}

function listTasks(ctx: RouteContext): Handler {
  return (req, params) => {
    const projectKey = req.query.projectKey ?? ''
    if (!projectKey) return invalidParam('projectKey is required')
    const pageNum = queryInt(req.query.pageNum, 1)
    const pageSize = queryInt(req.query.pageSize, 10)
    if (pageNum === undefined || pageSize === undefined) return emptyError(400)
    // Required but not used as a filter (…/service/workflow/openapi.go, v1.18.0:497; S8).
    const tasks = [...ctx.products.tasks(params.workflowKey ?? '')].sort(
      (a, b) => b.createMs - a.createMs || b.taskId - a.taskId
    )
    const from = (Math.max(1, pageNum) - 1) * pageSize
    const page = pageSize > 0 ? tasks.slice(from, from + pageSize) : tasks
    // A bare array at the top level (docs/zadigx-api.md#error-shapes).
    return ok(page.map(productTaskBrief))
  }
}

function getTask(ctx: RouteContext): Handler {
  return (req, params) => {
    if (!req.query.projectKey) return invalidParam('projectKey is required')
    const raw = params.taskID ?? ''
    if (!/^[+-]?\d+$/.test(raw)) return invalidParam('taskID is required')
    // Lets a polling client in another process move virtual time (README).
    ctx.clock.advance(ctx.advancePerTaskPollMs)
    const task = ctx.products.task(params.workflowKey ?? '', Number(raw))
    // GetPipelineTaskV2 returns the bare e.ErrGetTask (…/service/workflow/
    // pipeline_task.go, v1.18.0:484-489); its description is whatever the shared
    // error last held, here empty (source-audit S7).
    if (!task) return zadigError(6161, '')
    return ok(productTaskDetail(task))
  }
}

function remove(ctx: RouteContext): Handler {
  return req => {
    const key = req.query.workflowKey ?? ''
    if (!key) return invalidParam('workflowKey is required')
    ctx.products.remove(key)
    return success()
  }
}

/** The four /openapi/workflows/product routes. */
export function productRoutes(ctx: RouteContext): Route[] {
  const base = '/openapi/workflows/product'
  return [
    { method: 'POST', pattern: `${base}/task`, handler: trigger(ctx) },
    {
      method: 'GET',
      pattern: `${base}/:workflowKey/tasks`,
      handler: listTasks(ctx)
    },
    {
      method: 'GET',
      pattern: `${base}/:workflowKey/task/:taskID`,
      handler: getTask(ctx)
    },
    { method: 'DELETE', pattern: base, handler: remove(ctx) }
  ]
}
