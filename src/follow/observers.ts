// What reacts while something is followed: each observer hears when the follow
// starts, sees every snapshot as soon as it is read, hears when it stops, and (for
// the step) gets the final report.
import type { GitHubReporter } from '../github/reporter.js'
import type { TrackedTask } from '../operations/context.js'
import { untrusted, type Logger } from '../log.js'
import type { TaskReport } from '../report.js'

/** Reacts to a followed thing `T` and its snapshots `S`. Every hook is optional. */
export interface Observer<S, T = unknown> {
  /** `thing` is known and about to be followed. */
  started?(thing: T): void | Promise<void>
  /** One snapshot, as soon as it is read. */
  saw?(snapshot: S): void
  /** The follow is over; `settled` is false when the post step may still have to cancel it. */
  stopped?(thing: T, settled: boolean): void
  /** The step ends with this report (every operation that knew a task). */
  finished?(report: TaskReport): Promise<void>
}

/** Hands a snapshot to every observer, in order. */
export function showAll<S>(observers: Observer<S, never>[], snapshot: S): void {
  for (const o of observers) o.saw?.(snapshot)
}

/**
 * Logs `<label>: <status>` each time the snapshot's status changes from the one
 * before (none at first); an empty status reads as `blank`. Server text, made inert.
 */
export function logStatusChanges<S>(
  log: Logger,
  label: string,
  statusOf: (snapshot: S) => string,
  blank = ''
): Observer<S> {
  let last = ''
  return {
    saw: snapshot => {
      const status = statusOf(snapshot)
      if (status !== last) log.info(`${label}: ${untrusted(status || blank)}`)
      last = status
    }
  }
}

/** What the post step needs to find the task again. */
type Tracked = { workflowKey: string; taskId: number }

/** The post step's record (post-state.ts): the task being followed, then that it is settled. */
export function trackForPostStep(
  track: (task: TrackedTask) => void
): Observer<unknown, Tracked> {
  const record = ({ workflowKey, taskId }: Tracked, done: boolean): void =>
    track({ workflowKey, taskId, done })
  return {
    started: task => record(task, false),
    stopped: (task, settled) => {
      if (settled) record(task, true)
    }
  }
}

/** The GitHub report (commit status, deployment, PR comment): started, then finished. */
export function reportToGitHub(
  reporter: GitHubReporter,
  running: () => TaskReport
): Observer<unknown> {
  return {
    started: () => reporter.started(running()),
    finished: report => reporter.finished(report)
  }
}
