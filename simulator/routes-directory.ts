// The legacy "directory" API for product workflows (reference 5; picket
// core/public/handler/public.go): find tasks by commit, cancel and restart.
import type { Route, SimRequest } from './http.js'
import { directoryEntry } from './product-run.js'
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

function base(req: SimRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`
}

function byCommit(ctx: RouteContext): Handler {
  return req => {
    const tasks = ctx.products.byCommit(req.query.commitId ?? '')
    return ok(tasks.map(t => directoryEntry(t, base(req))))
  }
}

type Op = 'cancel' | 'restart'

// aslan's CancelWorkflowTaskV2 / RestartWorkflowTaskV2 (…/handler/workflow_task.go,
// v1.18.0:359-381,402-420): a non-admin needs ?projectName= of a project they are in
// (picket forwards the query), then the id must parse and the task allow it.
function operate(ctx: RouteContext, op: Op): Handler {
  return (req, params) => {
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
    { method: 'GET', pattern: task, handler: byCommit(ctx) },
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
