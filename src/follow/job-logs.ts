// ZadigX job logs while a task is followed (`logs` input): an observer of the task's
// snapshots that opens a job's log stream when it is seen running (`live`) and, when a
// job is seen ended, prints the rest (or, for `failed`, the end of a failed job's log)
// and keeps a failed job's tail for the summary and the PR comment.
// A stream that is missing, refused, cut or silent is replaced by the job's stored log
// once the job has ended (docs/zadigx-api.md#job-log-stream, #job-log), with one debug line.
import type { Clock } from '../clock.js'
import { errorMessage, untrusted, type Logger } from '../log.js'
import type { TaskRef } from '../operations/task-ref.js'
import { jobName, type JobLog } from '../report.js'
import type { LogsApi } from '../zadig/api/logs.js'
import { isRouteMissing, ZadigApiError } from '../zadig/errors.js'
import {
  ACTIVE,
  normalizeStatus,
  STEP_ENDED,
  SUCCESS
} from '../zadig/status.js'
import type { TaskDetail, TaskJob } from '../zadig/types.js'
import { createLogGroups, safeLine, type LogGroups } from './log-groups.js'
import type { Observer } from './observers.js'

/** How long (clock ms) an ended job's stream may take to deliver its last lines. */
export const STREAM_GRACE_MS = 3000

/** What the job-log observer needs. */
export interface JobLogOptions {
  mode: 'live' | 'failed'
  /** Lines of a failed job's tail. */
  tailLines: number
  logs: LogsApi
  clock: Clock
  log: Logger
  signal?: AbortSignal
}

/** The observer, the groups it prints into, and `settle()` for the end of the follow. */
export interface JobLogObserver extends Observer<TaskDetail, TaskRef> {
  groups: LogGroups
  /** Waits for every job's log to be printed; returns the failed jobs' tails. */
  settle(): Promise<JobLog[]>
}

interface Stream {
  /** Lines received so far. */
  count: number
  tail: string[]
  /** True when the server ended the stream itself. */
  done: Promise<boolean>
  stop: AbortController
}

// Job types that have a log on some version (docs/zadigx-api.md#job-log-stream); others
// (approval, …) are not asked for one.
const LOGGED_TYPES: ReadonlySet<string> = new Set([
  'zadig-build',
  'freestyle',
  'zadig-testing',
  'zadig-scanning',
  'zadig-distribute-image',
  'build',
  'plugin',
  'zadig-vm-deploy',
  'zadig-deploy',
  'zadig-helm-deploy'
])

const inSet = (job: TaskJob, set: ReadonlySet<string>): boolean =>
  set.has(normalizeStatus(job.status))
const NOT_FAILED: ReadonlySet<string> = new Set(['skipped', 'cancelled'])
const failed = (job: TaskJob): boolean =>
  inSet(job, STEP_ENDED) && !inSet(job, SUCCESS) && !inSet(job, NOT_FAILED)

/** Builds the job-log observer of one followed task. */
export function createJobLogObserver(options: JobLogOptions): JobLogObserver {
  const { mode, logs, clock, log } = options
  const groups = createLogGroups(log, () => clock.now())
  const streams = new Map<string, Stream>()
  const seen = new Set<string>()
  const work: Promise<void>[] = []
  const tails: JobLog[] = []
  let task: TaskRef | undefined
  // The first refusal or missing route stops streaming for the rest of the step.
  let streaming = mode === 'live'

  const remember = (t: string[], line: string): void => {
    t.push(line)
    if (t.length > options.tailLines) t.shift()
  }
  const ref = (job: TaskJob) => ({
    workflowKey: task?.workflowKey ?? '',
    taskId: task?.taskId ?? 0,
    jobName: job.name
  })

  const open = (job: TaskJob): void => {
    const label = jobName(job)
    const stop = new AbortController()
    const signal = options.signal
      ? AbortSignal.any([options.signal, stop.signal])
      : stop.signal
    const s: Stream = { count: 0, tail: [], stop, done: Promise.resolve(false) }
    s.done = (async () => {
      try {
        for await (const line of logs.follow(ref(job), { signal })) {
          s.count++
          remember(s.tail, line)
          groups.line(label, line)
        }
        return true
      } catch (err) {
        if (stop.signal.aborted || options.signal?.aborted) return false
        if (isRefused(err)) streaming = false
        log.debug(
          `ZadigX log stream of ${untrusted(label)} ended early (${untrusted(errorMessage(err))}); its stored log is read when it ends`
        )
        return false
      }
    })()
    streams.set(job.name, s)
  }

  const ended = async (job: TaskJob): Promise<void> => {
    const label = jobName(job)
    const s = streams.get(job.name)
    let complete = false
    if (s) {
      const grace = clock.sleep(STREAM_GRACE_MS, options.signal).then(
        () => false,
        () => false
      )
      complete = (await Promise.race([s.done, grace])) && s.count > 0
      if (!complete) s.stop.abort()
      await s.done
    }
    const received = s?.count ?? 0
    let tail = s?.tail ?? []
    let total = received
    if (!complete && (mode === 'live' || failed(job))) {
      const stored = await readStored(job, label)
      const rest = stored.slice(received)
      if (mode === 'live') for (const line of rest) groups.line(label, line)
      total = Math.max(received, stored.length)
      tail = stored.slice(-options.tailLines)
    }
    if (mode === 'live') groups.end(label)
    if (!failed(job)) return
    const lines = tail.map(safeLine)
    if (mode === 'failed') {
      const heading = `❌ ${label} (${job.status}): last ${lines.length} of ${total} log lines`
      if (lines.length) groups.block(heading, tail)
      else
        groups.outside.info(
          `No log of job ${untrusted(label)} is kept in ZadigX`
        )
    }
    if (lines.length)
      tails.push({ job: label, status: job.status ?? '', lines, total })
  }

  const readStored = async (job: TaskJob, label: string): Promise<string[]> => {
    try {
      return await logs.read(ref(job), { signal: options.signal })
    } catch (err) {
      log.debug(
        `Could not read the ZadigX log of job ${untrusted(label)}: ${untrusted(errorMessage(err))}`
      )
      return []
    }
  }

  return {
    groups,
    started: t => {
      task = t
    },
    saw: snapshot => {
      for (const stage of snapshot.stages ?? [])
        for (const job of stage.jobs ?? []) {
          if (seen.has(job.name) || !LOGGED_TYPES.has(job.type)) continue
          if (inSet(job, STEP_ENDED)) {
            seen.add(job.name)
            work.push(ended(job))
          } else if (streaming && inSet(job, ACTIVE) && !streams.has(job.name))
            open(job)
        }
    },
    settle: async () => {
      // Jobs still running when the follow stopped (timeout, cancel): stop listening.
      for (const [name, s] of streams) if (!seen.has(name)) s.stop.abort()
      await Promise.all([...work, ...[...streams.values()].map(s => s.done)])
      groups.close()
      return tails
    }
  }
}

function isRefused(err: unknown): boolean {
  if (isRouteMissing(err)) return true
  return err instanceof ZadigApiError && [401, 403].includes(err.status)
}

/** What `logs` means for this step, and the line that says so for `auto`. */
export interface LogChoice {
  mode: 'live' | 'failed' | 'none'
  note?: string
}

/** Resolves `logs: auto` by the repository's visibility: its Actions logs are as public. */
export function chooseLogMode(
  input: 'auto' | 'live' | 'failed' | 'none',
  visibility: 'public' | 'private' | 'internal' | undefined
): LogChoice {
  if (input !== 'auto') return { mode: input }
  if (visibility === 'private' || visibility === 'internal')
    return {
      mode: 'failed',
      note: `logs: auto shows the end of a failed job's ZadigX log, since this repository is ${visibility} (logs: live shows every job's log, none hides them)`
    }
  const why =
    visibility === 'public'
      ? 'this repository is public, and so is this log'
      : 'the repository visibility is unknown (no event payload)'
  return {
    mode: 'none',
    note: `logs: auto shows no ZadigX job logs here: ${why}; set logs: failed or live to show them`
  }
}
