// Create, update and delete custom workflows (docs/zadigx-api.md#create-workflow, #update-workflow, #delete-workflow; v1.18
// handler/workflow_v4.go and service/workflow/workflow_v4.go). Bodies are YAML.
import type { SimWorkflow } from './catalog.js'
import {
  emptyError,
  invalidParam,
  NO_DOCUMENTS,
  SimHttpError,
  zadigError
} from './errors.js'
import type { Route, SimRequest } from './http.js'
import { success } from './response.js'
import type { RouteContext } from './routes.js'
import { denied } from './routes-workflow-views.js'
import { mayUse } from './users.js'
import {
  lintWorkflow,
  parseWorkflowYaml,
  workflowFromYaml
} from './workflow-yaml.js'

type Handler = Route['handler']

function fail(code: number, description: string): never {
  throw new SimHttpError(zadigError(code, description))
}

function stamp(ctx: RouteContext, req: SimRequest) {
  return {
    user: req.user?.name ?? '',
    time: Math.floor(ctx.clock.now() / 1000)
  }
}

// CreateWorkflowV4: key taken -> 6540, display name taken in the project -> 6540, lint.
function create(ctx: RouteContext): Handler {
  return req => {
    const wf = workflowFromYaml(parseWorkflowYaml(req.rawBody))
    // The YAML's project decides (…/handler/workflow_v4.go, v1.18.0:92-103).
    if (!mayUse(req.user, wf.project)) return emptyError(403)
    const taken = ctx.engine.workflow(wf.key)
    if (taken)
      fail(
        6540,
        `与项目 [${taken.project}] 中的工作流 [${taken.name}] 标识相同`
      )
    const workflows = ctx.engine.workflows()
    if (workflows.some(w => w.project === wf.project && w.name === wf.name))
      fail(6540, `当前项目已存在工作流 [${wf.name}]`)
    lintWorkflow(wf, ctx.projects)
    const { user, time } = stamp(ctx, req)
    Object.assign(wf, { createdBy: user, createTime: time })
    Object.assign(wf, { updatedBy: user, updateTime: time })
    ctx.engine.addWorkflow(wf)
    // v2.0+; a missing view is ignored (AddWorkflowToView's error is dropped).
    const view = req.query.viewName ?? ''
    if (ctx.profile.createReadsViewName && view)
      ctx.views.addWorkflow(wf.project, view, {
        key: wf.key,
        displayName: wf.name,
        type: 'custom',
        enabled: true
      })
    return success()
  }
}

// Jobs that keep their name keep their script, so a test's scripting survives.
function carryOver(old: SimWorkflow, wf: SimWorkflow): SimWorkflow {
  const scripts = new Map(
    old.stages.flatMap(s => s.jobs).map(j => [j.name, j.script])
  )
  for (const job of wf.stages.flatMap(s => s.jobs))
    job.script = scripts.get(job.name) ?? job.script
  const { history, queueSec, model, createdBy, createTime } = old
  return {
    ...wf,
    key: old.key,
    history,
    queueSec,
    model,
    createdBy,
    createTime
  }
}

// UpdateWorkflowV4: unknown key -> 6542 (ErrFindWorkflow), display name taken -> 6540.
function update(ctx: RouteContext): Handler {
  return (req, params) => {
    const wf = workflowFromYaml(parseWorkflowYaml(req.rawBody))
    if (!mayUse(req.user, wf.project)) return emptyError(403)
    const key = params.workflowKey ?? ''
    const old = ctx.engine.workflow(key)
    if (!old) fail(6542, NO_DOCUMENTS)
    const renamed = old.name !== wf.name
    const workflows = ctx.engine.workflows()
    if (
      renamed &&
      workflows.some(w => w.project === old.project && w.name === wf.name)
    )
      fail(6540, `workflow v4 [${wf.name}] 展示名称在当前项目下重复!`)
    lintWorkflow(wf, ctx.projects)
    const { user, time } = stamp(ctx, req)
    const next = carryOver(old, wf)
    Object.assign(next, { updatedBy: user, updateTime: time })
    ctx.engine.replaceWorkflow(key, next)
    return success()
  }
}

// OpenAPIDeleteCustomWorkflowV4 -> DeleteWorkflowV4: unknown key is 6543.
function remove(ctx: RouteContext): Handler {
  return req => {
    const key = req.query.workflowKey ?? ''
    if (!key) return invalidParam('workflowKey is required')
    if (denied(ctx, req, req.query.projectKey ?? '')) return emptyError(403)
    if (!ctx.engine.removeWorkflow(key)) fail(6543, NO_DOCUMENTS)
    return success()
  }
}

/** The YAML create/update routes (plus their v5.0 OpenAPI twins) and delete. */
export function crudRoutes(ctx: RouteContext): Route[] {
  const ui = '/api/aslan/workflow/v4'
  const open = '/openapi/workflows/custom'
  const routes: Route[] = [
    { method: 'POST', pattern: ui, handler: create(ctx) },
    { method: 'PUT', pattern: `${ui}/:workflowKey`, handler: update(ctx) },
    { method: 'DELETE', pattern: open, handler: remove(ctx) }
  ]
  // Zadig v5.0+ exposes the same handlers under /openapi (docs/zadigx-api.md#create-workflow, #update-workflow).
  if (ctx.profile.openApiWorkflowCrud)
    routes.push(
      { method: 'POST', pattern: open, handler: create(ctx) },
      { method: 'PUT', pattern: `${open}/:workflowKey`, handler: update(ctx) }
    )
  return routes
}
