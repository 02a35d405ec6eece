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
  return new JobLogFollower(options)
}

class JobLogFollower implements JobLogObserver {
  readonly groups: LogGroups
  readonly #o: JobLogOptions
  readonly #streams = new Map<string, Stream>()
  readonly #seen = new Set<string>()
  readonly #work: Promise<void>[] = []
  readonly #tails: JobLog[] = []
  #task: TaskRef | undefined
  // The first refusal or missing route stops streaming for the rest of the step.
  #streaming: boolean

  constructor(options: JobLogOptions) {
    this.#o = options
    this.groups = createLogGroups(options.log, options.clock)
    this.#streaming = options.mode === 'live'
  }

  started(task: TaskRef): void {
    this.#task = task
  }

  saw(snapshot: TaskDetail): void {
    for (const stage of snapshot.stages ?? [])
      for (const job of stage.jobs ?? []) {
        if (this.#seen.has(job.name) || !LOGGED_TYPES.has(job.type)) continue
        if (inSet(job, STEP_ENDED)) {
          this.#seen.add(job.name)
          this.#work.push(this.#ended(job))
        } else if (this.#streaming && inSet(job, ACTIVE))
          if (!this.#streams.has(job.name)) this.#open(job)
      }
  }

  async settle(): Promise<JobLog[]> {
    // Jobs still running when the follow stopped (timeout, cancel): stop listening.
    for (const [name, s] of this.#streams)
      if (!this.#seen.has(name)) s.stop.abort()
    const streams = [...this.#streams.values()].map(s => s.done)
    await Promise.all([...this.#work, ...streams])
    this.groups.close()
    return this.#tails
  }

  #ref(job: TaskJob) {
    const { workflowKey = '', taskId = 0 } = this.#task ?? {}
    return { workflowKey, taskId, jobName: job.name }
  }

  #open(job: TaskJob): void {
    const stop = new AbortController()
    const outer = this.#o.signal
    const signal = outer ? AbortSignal.any([outer, stop.signal]) : stop.signal
    const s: Stream = { count: 0, tail: [], stop, done: Promise.resolve(false) }
    s.done = this.#listen(job, s, signal)
    this.#streams.set(job.name, s)
  }

  // True when the server ended the stream itself.
  async #listen(
    job: TaskJob,
    s: Stream,
    signal: AbortSignal
  ): Promise<boolean> {
    const label = jobName(job)
    try {
      for await (const line of this.#o.logs.follow(this.#ref(job), {
        signal
      })) {
        s.count++
        keepLast(s.tail, line, this.#o.tailLines)
        this.groups.line(label, line)
      }
      return true
    } catch (err) {
      if (signal.aborted) return false
      if (isRefused(err)) this.#streaming = false
      this.#o.log.debug(
        `ZadigX log stream of ${untrusted(label)} ended early (${untrusted(errorMessage(err))}); its stored log is read when it ends`
      )
      return false
    }
  }

  // A stream gets STREAM_GRACE_MS to deliver its last lines; one that is cut, silent
  // or late is completed from the stored log, from the first line it did not give.
  async #ended(job: TaskJob): Promise<void> {
    const { mode, tailLines } = this.#o
    const label = jobName(job)
    const s = this.#streams.get(job.name)
    const complete = s ? await this.#drained(s) : false
    let tail = s?.tail ?? []
    let total = s?.count ?? 0
    if (!complete && (mode === 'live' || failed(job))) {
      const stored = await this.#readStored(job, label)
      if (mode === 'live')
        for (const line of stored.slice(total)) this.groups.line(label, line)
      total = Math.max(total, stored.length)
      tail = stored.slice(-tailLines)
    }
    if (mode === 'live') this.groups.end(label)
    if (failed(job)) this.#keepTail(job, label, tail, total)
  }

  async #drained(s: Stream): Promise<boolean> {
    const late = this.#o.clock.sleep(STREAM_GRACE_MS, this.#o.signal).then(
      () => false,
      () => false
    )
    const complete = (await Promise.race([s.done, late])) && s.count > 0
    if (!complete) s.stop.abort()
    await s.done
    return complete
  }

  #keepTail(job: TaskJob, label: string, tail: string[], total: number): void {
    const lines = tail.map(safeLine)
    if (this.#o.mode === 'failed') {
      const heading = `❌ ${label} (${job.status}): last ${lines.length} of ${total} log lines`
      if (lines.length) this.groups.block(heading, tail)
      else
        this.groups.outside.info(
          `No log of job ${untrusted(label)} is kept in ZadigX`
        )
    }
    if (lines.length)
      this.#tails.push({ job: label, status: job.status ?? '', lines, total })
  }

  async #readStored(job: TaskJob, label: string): Promise<string[]> {
    try {
      return await this.#o.logs.read(this.#ref(job), { signal: this.#o.signal })
    } catch (err) {
      this.#o.log.debug(
        `Could not read the ZadigX log of job ${untrusted(label)}: ${untrusted(errorMessage(err))}`
      )
      return []
    }
  }
}

function keepLast(tail: string[], line: string, max: number): void {
  tail.push(line)
  if (tail.length > max) tail.shift()
}

function isRefused(err: unknown): boolean {
  if (isRouteMissing(err)) return true
  return err instanceof ZadigApiError && [401, 403].includes(err.status)
}
