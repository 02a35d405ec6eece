// The legacy "directory" API for product workflows (reference 5; picket
// core/public/handler/public.go): find tasks by commit, cancel and restart.
import type { Route, SimRequest } from './http.js'
import { directoryEntry } from './product-run.js'
import { ok } from './response.js'
import type { RouteContext } from './routes.js'

type Handler = Route['handler']

/**
 * picket proxies to aslan and always answers 200: resultCode 0 "success", or the
 * upstream HTTP status with "forbidden" (403) or "fail" (reference 5).
 */
function endpointResponse(status: number) {
  if (status === 200) return ok({ resultCode: 0, errorMsg: 'success' })
  const errorMsg = status === 403 ? 'forbidden' : 'fail'
  return ok({ resultCode: status, errorMsg })
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

// Upstream answers: 200, or 400 (bad id, unknown task, wrong status: 6163/6164).
function operate(ctx: RouteContext, op: Op): Handler {
  return (req, params) => {
    const raw = params.id ?? ''
    if (!/^\d+$/.test(raw)) return endpointResponse(400)
    const key = params.pipelineName ?? ''
    const done =
      op === 'cancel'
        ? ctx.products.cancel(key, Number(raw), req.user?.name ?? '')
        : ctx.products.restart(key, Number(raw))
    return endpointResponse(done ? 200 : 400)
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
