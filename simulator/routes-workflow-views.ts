// GET /openapi/workflows with its view filter (docs/zadigx-api.md#list-workflows) and the workflow-view
// routes (docs/zadigx-api.md#views; v1.18 handler/openapi.go OpenAPI*WorkflowView).
import type { WorkflowBrief } from './wire.js'
import type { FieldKind } from './bind.js'
import { decodeStruct, misfit } from './bind.js'
import { emptyError, invalidParam } from './errors.js'
import type { Route, SimRequest } from './http.js'
import type { SimProductWorkflow } from './product-catalog.js'
import { ok, success } from './response.js'
import type { RouteContext } from './routes.js'
import { mayUse } from './users.js'
import type { SimViewEntry } from './workflow-views.js'
import { viewBrief } from './workflow-views.js'
import { workflowBrief } from './workflow-bodies.js'

type Handler = Route['handler']
type Obj = Record<string, unknown>

const PRODUCT_UPDATE_TIME = 1686193453

const VIEW_FIELDS: Record<string, FieldKind> = {
  project_key: 'string',
  name: 'string',
  workflow_list: 'array'
}
const ENTRY_FIELDS: Record<string, FieldKind> = {
  workflow_key: 'string',
  workflow_name: 'string',
  workflow_type: 'string',
  enabled: 'bool'
}

function productBrief(wf: SimProductWorkflow): WorkflowBrief {
  return {
    workflow_key: wf.key,
    workflow_name: wf.name,
    update_by: wf.updateBy ?? 'admin',
    update_time: wf.updateTime ?? PRODUCT_UPDATE_TIME,
    type: 'product'
  }
}

// Custom workflows first, then product workflows (v1.18 OpenAPIGetCustomWorkflowV4List).
function listWorkflows(ctx: RouteContext): Handler {
  return req => {
    const projectKey = req.query.projectKey ?? ''
    if (!projectKey) return invalidParam('projectKey is required')
    const viewName = req.query.viewName ?? ''
    const inView = (type: 'custom' | 'product') => {
      const keys = ctx.views.filter(projectKey, viewName, type)
      return (w: { key: string; project: string }) =>
        w.project === projectKey && (!keys || keys.includes(w.key))
    }
    const custom = ctx.engine.workflows().filter(inView('custom'))
    const product = ctx.products.workflows().filter(inView('product'))
    return ok({
      workflows: [...custom.map(workflowBrief), ...product.map(productBrief)]
    })
  }
}

/** The body of a view create/update, or undefined when BindJSON fails. */
function viewBody(raw: string) {
  const decoded = decodeStruct(
    raw,
    VIEW_FIELDS,
    'workflow.OpenAPICreateWorkflowViewReq'
  )
  if (!decoded.ok) return undefined
  const list: unknown[] = (decoded.value.workflow_list as unknown[]) ?? []
  const entries: Obj[] = []
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return undefined
    if (misfit(item as Obj, ENTRY_FIELDS, 'OpenAPIWorkflowViewDetail'))
      return undefined
    entries.push(item as Obj)
  }
  const v = decoded.value
  return {
    project: String(v.project_key ?? ''),
    name: String(v.name ?? ''),
    entries
  }
}

/** OpenAPICreateWorkflowViewReq.Validate: its text, or undefined when valid. */
function invalid(body: { project: string; name: string; entries: Obj[] }) {
  if (!body.project) return 'projectKey cannot be empty'
  if (!body.name) return 'view name cannot be empty'
  if (
    body.entries.some(
      e => e.workflow_type !== 'custom' && e.workflow_type !== 'product'
    )
  )
    return 'workflow type must be custom or product'
  return undefined
}

function entry(e: Obj): SimViewEntry {
  return {
    key: String(e.workflow_key ?? ''),
    displayName: String(e.workflow_name ?? ''),
    type: e.workflow_type === 'product' ? 'product' : 'custom',
    enabled: e.enabled === true
  }
}

/** v3.0+ view handlers need the project (…/handler/openapi.go, v3.0.0:85-94). */
export function denied(
  ctx: RouteContext,
  req: SimRequest,
  project: string
): boolean {
  return ctx.profile.openApiPermissions && !mayUse(req.user, project)
}

function userName(req: SimRequest): string {
  return req.user?.name ?? ''
}

function createView(ctx: RouteContext): Handler {
  return req => {
    // A must-bind failure writes 400 before the handler can answer (docs/zadigx-api.md#error-shapes c).
    const body = viewBody(req.rawBody)
    if (!body) return emptyError(400)
    const problem = invalid(body)
    if (problem) return invalidParam(problem)
    if (denied(ctx, req, body.project)) return emptyError(403)
    const entries = body.entries.map(e => ({ ...entry(e), enabled: true }))
    ctx.views.create(body.project, body.name, entries, userName(req))
    return success()
  }
}

// Name and project come from the path and the query, not the body (docs/zadigx-api.md#views).
function updateView(ctx: RouteContext): Handler {
  return (req, params) => {
    const decoded = viewBody(req.rawBody)
    if (!decoded) return emptyError(400)
    const name = params.viewName ?? ''
    const body = { ...decoded, name, project: req.query.projectKey ?? '' }
    const problem = invalid(body)
    if (problem) return invalidParam(problem)
    if (denied(ctx, req, body.project)) return emptyError(403)
    ctx.views.update(body.project, name, body.entries.map(entry), userName(req))
    return success()
  }
}

function deleteView(ctx: RouteContext): Handler {
  return (req, params) => {
    const projectKey = req.query.projectKey ?? ''
    if (!projectKey) return invalidParam('projectKey is required')
    if (denied(ctx, req, projectKey)) return emptyError(403)
    ctx.views.remove(projectKey, params.viewName ?? '')
    return success()
  }
}

function listViews(ctx: RouteContext): Handler {
  return req => {
    const projectKey = req.query.projectKey ?? ''
    if (!projectKey) return invalidParam('projectKey is required')
    // A bare array at the top level (docs/zadigx-api.md#error-shapes).
    return ok(ctx.views.list(projectKey).map(viewBrief))
  }
}

/** GET /openapi/workflows and the four view routes. */
export function viewRoutes(ctx: RouteContext): Route[] {
  const view = '/openapi/workflows/view'
  return [
    {
      method: 'GET',
      pattern: '/openapi/workflows',
      handler: listWorkflows(ctx)
    },
    { method: 'GET', pattern: view, handler: listViews(ctx) },
    { method: 'POST', pattern: view, handler: createView(ctx) },
    { method: 'PUT', pattern: `${view}/:viewName`, handler: updateView(ctx) },
    { method: 'DELETE', pattern: `${view}/:viewName`, handler: deleteView(ctx) }
  ]
}
