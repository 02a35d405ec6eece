// The legacy "directory" API for product workflows (docs/zadigx-api.md#product-workflows; picket
// core/public/handler/public.go): find tasks by commit, cancel and restart.
import type { Route } from './http.js'
import { plainError } from './errors.js'
import { ok } from './response.js'
import type { RouteContext } from './routes.js'
import { mayUse } from './users.js'

type Handler = Route['handler']

/**
 * picket proxies to aslan and always answers 200: resultCode 0 "success", or 500
 * "fail" for any upstream error, 403 included (picket/client/aslan/workflow.go,
 * v1.18.0:88-89,100-101; picket/core/public/handler/public.go:85-101).
 */
function endpointResponse(upstreamOk: boolean) {
  return ok(
    upstreamOk
      ? { resultCode: 0, errorMsg: 'success' }
      : { resultCode: 500, errorMsg: 'fail' }
  )
}

// picket's ListWorkflowTask proxies to aslan /api/workflow/v2/status/task/info,
// commented out since v1.18.0 (…/workflow/handler/router.go, v1.18.0:69-73; absent at
// v5.0.0): the upstream 404 comes back as picket's plain error, at every version
// (picket/core/public/handler/public.go, v1.18.0:128-133; pkg/tool/httpclient/
// errors.go:131-133,153-171; source-audit row 3).
function byCommit(): Handler {
  return () =>
    plainError('[404 NotFound] Invalid path: /api/workflow/v2/status/task/info')
}

type Op = 'cancel' | 'restart'

// aslan's CancelWorkflowTaskV2 / RestartWorkflowTaskV2 (…/handler/workflow_task.go,
// v1.18.0:359-381,402-420): a non-admin needs ?projectName= of a project they are in
// (picket forwards the query), then the id must parse and the task allow it.
function operate(ctx: RouteContext, op: Op): Handler {
  return (req, params) => {
    // The aslan routes behind cancel/restart are gone from v3.4.1 (profiles.ts).
    if (!ctx.profile.legacyTaskRoutes) return endpointResponse(false)
    if (!mayUse(req.user, req.query.projectName ?? ''))
      return endpointResponse(false)
    const raw = params.id ?? ''
    if (!/^\d+$/.test(raw)) return endpointResponse(false)
    const key = params.pipelineName ?? ''
    const done =
      op === 'cancel'
        ? ctx.products.cancel(key, Number(raw), req.user?.name ?? '')
        : ctx.products.restart(key, Number(raw))
    return endpointResponse(done)
  }
}

/** GET …/workflowTask and POST …/cancel, …/restart under /api/directory. */
export function directoryRoutes(ctx: RouteContext): Route[] {
  const task = '/api/directory/workflowTask'
  const one = `${task}/id/:id/pipelines/:pipelineName`
  return [
    { method: 'GET', pattern: task, handler: byCommit() },
    {
      method: 'POST',
      pattern: `${one}/cancel`,
      handler: operate(ctx, 'cancel')
    },
    {
      method: 'POST',
      pattern: `${one}/restart`,
      handler: operate(ctx, 'restart')
    }
  ]
}
