// The running-task stream (docs/zadigx-api.md#running-tasks): the list of custom-workflow
// tasks that run or wait for approval, in every project, at once on connect and then
// once a second of virtual time, framed as gin's c.SSEvent writes it. Entries carry the
// queue's fields; their stages are the task detail's (the queue keeps the task's own
// stages without job specs, and only their statuses are read here).
import type { Route } from './http.js'
import type { SimStream } from './response.js'
import type { RouteContext } from './routes.js'
import { taskDetail } from './task-bodies.js'

/** The route's path as the client sends it. */
export const RUNNING_TASKS = '/api/aslan/workflow/sse/workflowTasks/running'

// workflowcontroller.RunningTasks keeps running and the approval wait (both spellings).
const LISTED = new Set(['running', 'waitforapprove', 'wait_for_approval'])
const SECOND_MS = 1000

function runningList(ctx: RouteContext): unknown[] {
  const now = ctx.clock.now()
  return ctx.engine
    .workflows()
    .flatMap(wf => ctx.engine.tasks(wf.key))
    .filter(task => LISTED.has(task.status))
    .map(task => ({
      task_id: task.taskId,
      project_name: task.projectKey,
      workflow_name: task.workflowKey,
      workflow_display_name: task.workflowName,
      status: task.status,
      stages: taskDetail(task, now).stages,
      task_creator: task.creator,
      create_time: Math.floor(task.createMs / 1000)
    }))
}

/** Writes the stream until the client goes; virtual seconds pace it. */
function serveRunning(ctx: RouteContext): SimStream {
  return io => {
    let last = ctx.clock.now()
    let open = true
    const emit = () => {
      if (!open) return
      last = ctx.clock.now()
      io.write(`event:message\ndata:${JSON.stringify(runningList(ctx))}\n\n`)
    }
    emit()
    // Manual time moves in jumps: a jump of a second or more is one message (the newest).
    const off = ctx.clock.onAdvance(() => {
      if (ctx.clock.now() - last >= SECOND_MS) emit()
    })
    const speed = ctx.clock.speed
    const timer = speed
      ? setInterval(emit, Math.max(10, SECOND_MS / speed))
      : undefined
    io.onClose(() => {
      open = false
      off()
      clearInterval(timer)
    })
  }
}

/** The stream route (served by every profile, v1.18.0 … v5.0.0). */
export function streamRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: RUNNING_TASKS,
      handler: () => ({
        status: 200,
        headers: {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive'
        },
        stream: serveRunning(ctx)
      })
    }
  ]
}
