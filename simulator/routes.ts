// Custom-workflow OpenAPI routes (docs/zadigx-api.md#workflow-detail … #approve-task) and the two system lists the
// trigger needs (registries with their create, code hosts). Paths and casing: docs/zadigx-api.md#routes.
// createRoutes also gathers the views, workflow CRUD, product and directory routes.
import type { OpenAPIRegistry } from './wire.js'
import { decodeStruct, queryInt } from './bind.js'
import type { VirtualClock } from './clock.js'
import type { Engine } from './engine.js'
import {
  emptyError,
  invalidParam,
  NO_DOCUMENTS,
  plainError,
  zadigError
} from './errors.js'
import type { Route, SimRequest } from './http.js'
import type { ProductEngine } from './product-engine.js'
import type { Profile } from './profiles.js'
import { ok, success } from './response.js'
import type { SimCodeHost } from './system.js'
import { codeHostView } from './system.js'
import type { SimUser } from './users.js'
import { crudRoutes } from './routes-crud.js'
import type { BrokenImages, SimEnvironment } from './environments.js'
import { envRoutes, type EnvRouteContext } from './routes-env.js'
import { envConfigRoutes } from './routes-envcfg.js'
import { shareEnvRoutes } from './routes-share-env.js'
import { projectRoutes } from './routes-project.js'
import { buildRoutes } from './routes-build.js'
import { serviceRoutes, type SimServiceTemplate } from './routes-service.js'
import type { DeliveryStore } from './delivery.js'
import type { QualityStore } from './quality.js'
import { deliveryRoutes } from './routes-delivery.js'
import { qualityRoutes } from './routes-quality.js'
import { artifactRoutes, type SimArtifact } from './routes-artifacts.js'
import { statsRoutes } from './routes-stats.js'
import { registryRoutes } from './routes-registry.js'
import type { StatsStore } from './stats.js'
import { directoryRoutes } from './routes-directory.js'
import { logRoutes, type SentLogLine } from './job-logs.js'
import { productRoutes } from './routes-product.js'
import { uiRoutes } from './routes-ui.js'
import { streamRoutes } from './routes-stream.js'
import { denied, viewRoutes } from './routes-workflow-views.js'
import { taskBrief, taskDetail } from './task-bodies.js'
import type { ViewStore } from './workflow-views.js'
import { workflowDetail } from './workflow-bodies.js'

/** What the route handlers read. */
export interface RouteContext {
  engine: Engine
  profile: Profile
  clock: VirtualClock
  advancePerTaskPollMs: number
  users: SimUser[]
  registries: OpenAPIRegistry[]
  codeHosts: SimCodeHost[]
  views: ViewStore
  products: ProductEngine
  /** Project keys that exist (workflow YAML must name one). */
  projects: string[]
  /** Environments (environments.ts) and the images that do not start. */
  environments: SimEnvironment[]
  broken: BrokenImages
  /** Service templates (routes-service.ts). */
  serviceTemplates: SimServiceTemplate[]
  /** The delivery centre's artifact records. */
  artifacts: SimArtifact[]
  /** Delivery-centre releases and the environments they are taken from. */
  delivery: DeliveryStore
  /** Every line the job-log streams sent (job-logs.ts). */
  logLinesSent: SentLogLine[]
  /** Test tasks (quality.ts). */
  quality: QualityStore
  /** Statistics figures per project. */
  stats: StatsStore
}

type Handler = Route['handler']

const TASK_QUERY = 'workflow.getworkflowTaskReq'

function getWorkflow(ctx: RouteContext): Handler {
  return (req, params) => {
    const projectKey = req.query.projectKey ?? ''
    if (!projectKey) return invalidParam('projectKey is required')
    const wf = ctx.engine.workflow(params.workflowKey ?? '')
    if (!wf) return plainError(NO_DOCUMENTS)
    // A nil stage approval is dereferenced; gin.Recovery answers an empty 500.
    const panics = wf.stages.some(s => s.approvalMissing)
    if (ctx.profile.detailPanicsWithoutApproval && panics)
      return emptyError(500)
    const model = ctx.engine.modelOf(wf)
    return ok(workflowDetail(wf, model, projectKey, ctx.users))
  }
}

function listTasks(ctx: RouteContext): Handler {
  return (req, params) => {
    const pageNum = queryInt(req.query.pageNum, 1)
    const pageSize = queryInt(req.query.pageSize, 10)
    if (pageNum === undefined || pageSize === undefined) return emptyError(400)
    // The DB filter is project_name == projectKey: no projectKey, no rows (3.3).
    const projectKey = req.query.projectKey ?? ''
    const tasks = ctx.engine
      .tasks(params.workflowKey ?? '')
      .filter(t => projectKey !== '' && t.projectKey === projectKey)
      .sort((a, b) => b.createMs - a.createMs || b.taskId - a.taskId)
    const from = (Math.max(1, pageNum) - 1) * pageSize
    const page = pageSize > 0 ? tasks.slice(from, from + pageSize) : tasks
    const lower = ctx.profile.lowerCaseTaskList
    return ok({
      total: tasks.length,
      workflow_tasks: page.map(t => taskBrief(t, lower))
    })
  }
}

function getTask(ctx: RouteContext): Handler {
  return req => {
    const taskId = queryInt(req.query.taskId, 0)
    if (taskId === undefined) return emptyError(400)
    // Lets a polling client in another process move virtual time (README).
    ctx.clock.advance(ctx.advancePerTaskPollMs)
    const task = ctx.engine.task(req.query.workflowKey ?? '', taskId)
    if (!task) return plainError(NO_DOCUMENTS)
    return ok(taskDetail(task, ctx.clock.now()))
  }
}

function trigger(ctx: RouteContext): Handler {
  return req => {
    // ShouldBindJSON (v1.18) / json.Unmarshal (v3.0+): an undecodable body is
    // ErrInvalidParam (form a), not an empty 400; gin's decoder reports "EOF".
    if (ctx.profile.triggerDecoder === 'bind' && req.rawBody.trim() === '')
      return invalidParam('EOF')
    const decoded = decodeStruct(
      req.rawBody,
      { project_key: 'string', workflow_key: 'string' },
      'workflow.OpenAPICreateCustomWorkflowTaskArgs'
    )
    if (!decoded.ok) return invalidParam(decoded.error)
    // v3.0+: the body's project_key decides (…/handler/openapi.go, v3.0.0:40-55).
    if (denied(ctx, req, String(decoded.value.project_key ?? '')))
      return emptyError(403)
    return ok(ctx.engine.trigger(decoded.value, userOf(req).name))
  }
}

function cancel(ctx: RouteContext): Handler {
  return req => {
    const args = cancelArgs(req, ctx.profile)
    if (!args) return emptyError(400)
    ctx.engine.cancel(args.workflowKey, args.taskId, userOf(req).name)
    return success()
  }
}

// v1.18 .. v3.3 BindJSON reads only the body; v3.4+ BindQuery only the query (3.6).
function cancelArgs(req: SimRequest, profile: Profile) {
  if (profile.cancelFrom === 'query') {
    const taskId = queryInt(req.query.taskId, 0)
    if (taskId === undefined) return undefined
    return { taskId, workflowKey: req.query.workflowKey ?? '' }
  }
  const decoded = decodeStruct(
    req.rawBody,
    { task_id: 'int64', workflow_key: 'string' },
    TASK_QUERY
  )
  if (!decoded.ok) return undefined
  const v = decoded.value
  return {
    taskId: Number(v.task_id ?? 0),
    workflowKey: String(v.workflow_key ?? '')
  }
}

function retry(ctx: RouteContext): Handler {
  return (_req, params) => {
    const raw = params.taskID ?? ''
    // Typos as in v1.18 generalRequestValidate.
    if (!/^[+-]?\d+$/.test(raw)) return invalidParam('taksID is invalid')
    ctx.engine.retry(params.workflowKey ?? '', Number(raw))
    return success()
  }
}

function approveArgs(raw: string) {
  const decoded = decodeStruct(
    raw,
    {
      workflow_key: 'string',
      task_id: 'int64',
      stage_name: 'string',
      approve: 'bool',
      comment: 'string'
    },
    'workflow.OpenAPIApproveRequest'
  )
  if (!decoded.ok) return decoded.error
  const v = decoded.value
  return {
    workflowKey: String(v.workflow_key ?? ''),
    taskId: Number(v.task_id ?? 0),
    target: String(v.stage_name ?? ''),
    // Omitted `approve` is false: a reject (docs/zadigx-api.md#approve-task).
    approve: v.approve === true,
    comment: String(v.comment ?? '')
  }
}

function approve(ctx: RouteContext): Handler {
  return req => {
    const args = approveArgs(req.rawBody)
    // The handler decodes with json.Unmarshal and returns the raw error (500).
    if (typeof args === 'string')
      return plainError(`failed to unmarshal request data, error: ${args}`)
    const { workflowKey, taskId, target } = args
    if (!workflowKey || !target || taskId === 0) {
      const label = ctx.profile.stageApproval ? 'stage' : 'jobName'
      return zadigError(
        6169,
        `can not find approved workflow: ${workflowKey}, taskID: ${taskId},${label}: ${target}`
      )
    }
    ctx.engine.decide({ ...args, user: userOf(req) })
    return success()
  }
}

function userOf(req: SimRequest): SimUser {
  if (!req.user) throw new Error('unauthenticated request reached a handler')
  return req.user
}

// What the environment and environment-config routes read.
function envContext(ctx: RouteContext): EnvRouteContext {
  return {
    clock: ctx.clock,
    env: ctx.profile.env,
    environments: ctx.environments,
    broken: ctx.broken,
    advancePerPollMs: ctx.advancePerTaskPollMs
  }
}

/** The route table; literal paths come before parameterised ones, as in gin. */
export function createRoutes(ctx: RouteContext): Route[] {
  const route = (method: string, pattern: string, handler: Handler) => ({
    method,
    pattern,
    handler
  })
  const wf = '/openapi/workflows/custom'
  const fixed =
    (body: () => unknown): Handler =>
    () =>
      ok(body())
  return [
    ...viewRoutes(ctx),
    route('GET', `${wf}/task`, getTask(ctx)),
    route('POST', `${wf}/task`, trigger(ctx)),
    route('DELETE', `${wf}/task`, cancel(ctx)),
    route('POST', `${wf}/task/approve`, approve(ctx)),
    route('GET', `${wf}/:workflowKey/detail`, getWorkflow(ctx)),
    route('GET', `${wf}/:workflowKey/tasks`, listTasks(ctx)),
    route('POST', `${wf}/:workflowKey/task/:taskID`, retry(ctx)),
    ...registryRoutes(ctx),
    route(
      'GET',
      '/api/aslan/code/codehost',
      fixed(() => ctx.codeHosts.map(codeHostView))
    ),
    ...crudRoutes(ctx),
    ...uiRoutes(ctx),
    ...streamRoutes(ctx),
    ...logRoutes(ctx),
    // Product-workflow OpenAPI routes were removed at v3.4.1 (profiles.ts).
    ...(ctx.profile.productOpenApi ? productRoutes(ctx) : []),
    ...directoryRoutes(ctx),
    ...envRoutes(envContext(ctx)),
    ...shareEnvRoutes(envContext(ctx)),
    // After the environment routes: `production` is a literal segment there.
    ...envConfigRoutes(envContext(ctx)),
    ...serviceRoutes(ctx.serviceTemplates),
    ...projectRoutes(ctx),
    ...buildRoutes(ctx),
    ...deliveryRoutes(ctx.profile, ctx.delivery),
    ...qualityRoutes(ctx.profile, ctx.quality, () =>
      ctx.clock.advance(ctx.advancePerTaskPollMs)
    ),
    ...artifactRoutes(ctx.artifacts),
    ...statsRoutes(ctx.profile, ctx.stats)
  ]
}
