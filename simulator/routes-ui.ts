// UI-API routes a client may call besides the OpenAPI: the stored workflow as the web
// page reads it (FindWorkflowV4), and the routes that tell versions apart
// (docs/zadigx-api.md#server-version, probes P1-P3).
import { stringify } from 'yaml'
import type { SimStage, SimWorkflow } from './catalog.js'
import { emptyError, invalidParam, NO_DOCUMENTS, zadigError } from './errors.js'
import type { Route } from './http.js'
import { clone } from './model.js'
import { ok } from './response.js'
import type { RouteContext } from './routes.js'
import { approverRefs } from './workflow-bodies.js'
import { mayUse } from './users.js'

type Handler = Route['handler']
type Obj = Record<string, unknown>

// models.Approval with its yaml tags; nil (YAML without the key) stays null.
function storedApproval(stage: SimStage, ctx: RouteContext): Obj | null {
  if (stage.approvalMissing) return null
  const a = stage.approval
  const head = { enabled: !!a, status: '', type: a ? 'native' : '' }
  if (!a) return { ...head, description: '' }
  return {
    ...head,
    description: a.description,
    native_approval: {
      timeout: a.timeoutMin ?? 0,
      approve_users: approverRefs(a.users, ctx.users).map(u => ({
        user_id: u.user_id,
        user_name: u.user_name
      })),
      needed_approvers: a.neededApprovers ?? 1
    }
  }
}

function storedStage(stage: SimStage, ctx: RouteContext): Obj {
  return {
    name: stage.name,
    parallel: stage.parallel === true,
    approval: storedApproval(stage, ctx),
    ...(ctx.profile.stageApproval ? {} : { manual_exec: null }),
    // ServiceModules has no yaml tag: yaml.v3 lower-cases the field name.
    jobs: stage.jobs.map(j => ({
      name: j.name,
      type: j.type,
      skipped: false,
      spec: clone(j.spec),
      run_policy: j.runPolicy ?? '',
      servicemodules: []
    }))
  }
}

// models.WorkflowV4 as c.YAML writes it: the profile's keys, zero values for the rest.
function storedWorkflow(wf: SimWorkflow, ctx: RouteContext): Obj {
  const values: Obj = {
    name: wf.key,
    display_name: wf.name,
    disabled: false,
    category: '',
    key_vals: [],
    params: clone(wf.params),
    stages: wf.stages.map(s => storedStage(s, ctx)),
    project: wf.project,
    description: wf.description ?? '',
    created_by: wf.createdBy ?? 'admin',
    create_time: wf.createTime ?? 0,
    updated_by: wf.updatedBy ?? '',
    update_time: wf.updateTime ?? 0,
    notify_ctls: [],
    remark_required: false,
    share_storages: [],
    hash: '',
    concurrency_limit: -1,
    enable_approval_ticket: false,
    approval_ticket_id: ''
  }
  const keys = ctx.profile.storedWorkflowKeys
  return Object.fromEntries(keys.map(k => [k, values[k]]))
}

// FindWorkflowV4 (…/handler/workflow_v4.go, v1.18.0:341-378; v5.0.0:523-560): unknown
// is ErrFindWorkflow; a user without the project gets an empty 403.
function findWorkflow(ctx: RouteContext): Handler {
  return (req, params) => {
    const wf = ctx.engine.workflow(params.name ?? '')
    if (!wf) return zadigError(6542, NO_DOCUMENTS)
    if (!mayUse(req.user, wf.project)) return emptyError(403)
    return {
      status: 200,
      text: stringify(storedWorkflow(wf, ctx)),
      contentType: 'application/x-yaml; charset=utf-8'
    }
  }
}

// GetManualExecWorkflowTaskV4Info parses the id first (…/handler/workflow_task_v4.go,
// v3.1.0:306-323); only that answer is modelled.
function manualExec(): Handler {
  return (_req, params) => {
    if (!/^[+-]?\d+$/.test(params.taskID ?? ''))
      return invalidParam('invalid task id')
    return zadigError(6161, NO_DOCUMENTS)
  }
}

// ListGlobalWorkflowV4 (…/handler/workflow_v4.go, v4.1.0:340-355): the project's
// workflows (actions and sorting not modelled).
function globalList(ctx: RouteContext): Handler {
  return req => {
    const project = req.query.projectName ?? ''
    if (project && !mayUse(req.user, project)) return emptyError(403)
    const list = ctx.engine
      .workflows()
      .filter(w => !project || w.project === project)
      .map(w => ({ name: w.key, display_name: w.name, project: w.project }))
    return ok({ workflow_list: list, total: list.length })
  }
}

// GetCLIContext (system/service/cli_context.go, v5.0.0:27-69): licence fields for
// system admins only; the licence service is simulated as valid.
function cliContext(ctx: RouteContext): Handler {
  return req => {
    const user = req.user
    const body: Obj = {
      user: {
        uid: user?.uid ?? '',
        name: user?.name ?? '',
        account: user?.name ?? '',
        identity_type: 'system'
      }
    }
    if (user?.systemAdmin)
      Object.assign(body, {
        edition: 'enterprise',
        license_status: 'normal',
        features: [],
        server_version: ctx.profile.tag
      })
    return ok({ ...body, request_id: 'sim-request' })
  }
}

/** FindWorkflowV4 and the version probes the profile has. */
export function uiRoutes(ctx: RouteContext): Route[] {
  const v4 = '/api/aslan/workflow/v4'
  const { probes } = ctx.profile
  const route = (pattern: string, handler: Handler): Route => ({
    method: 'GET',
    pattern,
    handler
  })
  return [
    ...(probes.globalList ? [route(`${v4}/global`, globalList(ctx))] : []),
    route(`${v4}/name/:name`, findWorkflow(ctx)),
    ...(probes.manualExec
      ? [
          route(
            `${v4}/workflowtask/manualexec/workflow/:workflowName/task/:taskID`,
            manualExec()
          )
        ]
      : []),
    ...(probes.cliContext
      ? [route('/openapi/system/cli/context', cliContext(ctx))]
      : []),
    // GetSystemServerURL: any signed-in caller (…/system/handler/server.go, v4.2.0:35-48).
    ...(probes.serverUrl
      ? [
          route('/api/aslan/system/server/url', () =>
            ok({ server_url: 'http://127.0.0.1' })
          )
        ]
      : [])
  ]
}
