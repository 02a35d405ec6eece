// Job logs as the log routes serve them (docs/zadigx-api.md#job-log-stream, #job-log):
// a job writes its lines evenly over its run on the virtual clock; the stream follows
// a running job and ends when it ends; the stored log exists once the job has ended.
import type { VirtualClock } from './clock.js'
import type { Engine } from './engine.js'
import { invalidParam } from './errors.js'
import type { Route } from './http.js'
import type { JobRun, TaskRun } from './model.js'
import type { Profile } from './profiles.js'
import type { SimResponse, SimStream } from './response.js'

/** A job-log line and when (virtual ms) it was written or sent: what a bench times. */
export interface SentLogLine {
  workflowKey: string
  taskId: number
  jobName: string
  text: string
  atMs: number
}

/** What the log routes read, and where they note the lines they send. */
export interface LogContext {
  engine: Engine
  profile: Profile
  clock: VirtualClock
  logLinesSent: SentLogLine[]
}

/** How often (real ms) an open stream looks at the virtual clock. */
const STREAM_TICK_MS = 5

function defaultLog(job: JobRun): string[] {
  const lines = [
    `Preparing the workspace of ${job.name}`,
    'Cloning repositories',
    `Running the script of ${job.name}`,
    'Step 1/2 done',
    'Step 2/2 done'
  ]
  const failed = job.plannedOutcome && job.plannedOutcome !== 'passed'
  if (failed)
    lines.push(`ERROR: ${job.plannedError ?? 'the script exited with 1'}`)
  else lines.push(`${job.name} finished`)
  return lines
}

/** Each line of `job`'s log with when it is written (evenly over its planned run). */
function timedLines(job: JobRun): { text: string; atMs: number }[] {
  if (job.startMs === undefined || job.plannedEndMs === undefined) return []
  const all = job.log ?? defaultLog(job)
  const span = Math.max(0, job.plannedEndMs - job.startMs)
  const n = all.length
  return all.map((text, i) => ({
    text,
    atMs: job.startMs! + (span * (i + 1)) / n
  }))
}

/** The lines `job` has written by `nowMs` (none before it starts). */
export function writtenLines(job: JobRun, nowMs: number): string[] {
  const until = Math.min(nowMs, job.endMs ?? Infinity)
  return timedLines(job)
    .filter(l => l.atMs <= until)
    .map(l => l.text)
}

/** Every line the jobs of a task have written by now, with when each was written. */
export function linesWritten(
  ctx: LogContext,
  workflowKey: string,
  taskId: number
): SentLogLine[] {
  const task = ctx.engine.task(workflowKey, taskId)
  const now = ctx.clock.now()
  return (task?.stages ?? []).flatMap(stage =>
    stage.jobs.flatMap(job =>
      timedLines(job)
        .filter(l => l.atMs <= Math.min(now, job.endMs ?? Infinity))
        .map(l => ({ workflowKey, taskId, jobName: job.name, ...l }))
    )
  )
}

function findJob(task: TaskRun | undefined, name: string): JobRun | undefined {
  for (const stage of task?.stages ?? [])
    for (const job of stage.jobs) if (job.name === name) return job
  return undefined
}

// gin-contrib/sse v0.1.0: `event:message`, `data:<line>`, a carriage return as `\r`.
function event(line: string): string {
  return `event:message\ndata:${line.replace(/\r/g, '\\r')}\n\n`
}

function follow(
  ctx: LogContext,
  read: () => JobRun | undefined,
  tail: number,
  where: Omit<SentLogLine, 'text' | 'atMs'>
): SimStream {
  return io => {
    let sent = -1
    const tick = (): boolean => {
      const job = read()
      const atMs = ctx.clock.now()
      const lines = job ? writtenLines(job, atMs) : []
      if (sent < 0) sent = Math.max(0, lines.length - tail)
      for (; sent < lines.length; sent++) {
        const text = lines[sent]!
        io.write(event(text))
        ctx.logLinesSent.push({ ...where, text, atMs })
      }
      return job?.endMs !== undefined
    }
    const timer = setInterval(() => {
      if (!tick()) return
      clearInterval(timer)
      io.end()
    }, STREAM_TICK_MS)
    io.onClose(() => clearInterval(timer))
  }
}

const NUMBER = /^-?\d+$/

function stream(ctx: LogContext): Route['handler'] {
  return (_req, params) => {
    const taskId = params.taskID ?? ''
    if (!NUMBER.test(taskId)) return invalidParam('invalid task id')
    const tail = NUMBER.test(params.lines ?? '') ? Number(params.lines) : 10
    const key = params.workflowName ?? ''
    const jobName = params.jobName ?? ''
    const read = () => findJob(ctx.engine.task(key, Number(taskId)), jobName)
    const job = read()
    // Not found, no log for its type, or no running pod (it has ended): an empty 200.
    const live =
      job !== undefined &&
      ctx.profile.loggedJobTypes.includes(job.type) &&
      job.endMs === undefined
    if (!live) return { status: 200, stream: io => io.end() }
    const headers = {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache'
    }
    return {
      status: 200,
      headers,
      stream: follow(ctx, read, Math.max(0, tail), {
        workflowKey: key,
        taskId: Number(taskId),
        jobName
      })
    }
  }
}

function stored(ctx: LogContext): Route['handler'] {
  return (_req, params): SimResponse => {
    const taskId = params.taskID ?? ''
    if (!NUMBER.test(taskId)) return invalidParam('invalid task id')
    const task = ctx.engine.task(params.workflowName ?? '', Number(taskId))
    const job = findJob(task, params.jobName ?? '')
    // The file is uploaded when the job ends; a missing file reads as nothing.
    const has =
      job &&
      job.endMs !== undefined &&
      ctx.profile.loggedJobTypes.includes(job.type)
    const lines = has ? writtenLines(job, ctx.clock.now()) : []
    return { status: 200, text: lines.map(l => `${l}\n`).join('') }
  }
}

/** Both log routes; every profile serves them (docs/zadigx-api.md#routes). */
export function logRoutes(ctx: LogContext): Route[] {
  const wf = '/api/aslan/logs'
  return [
    {
      method: 'GET',
      pattern: `${wf}/sse/v4/workflow/:workflowName/:taskID/:jobName/:lines`,
      handler: stream(ctx)
    },
    {
      method: 'GET',
      pattern: `${wf}/log/v4/workflow/:workflowName/tasks/:taskID/jobs/:jobName`,
      handler: stored(ctx)
    }
  ]
}
