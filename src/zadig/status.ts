// Task, stage and job statuses (docs/zadigx-api.md#task-statuses) and the action's result mapping.

/** Every status string a v4 task, stage or job can carry across ZadigX v1.7 .. Zadig HEAD. */
export type TaskStatus =
  | 'created'
  | 'waiting'
  | 'queued'
  | 'blocked'
  | 'pending'
  | 'running'
  | 'prepare'
  | ''
  | 'passed'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'reject'
  | 'skipped'
  | 'waitforapprove'
  | 'wait_for_approval'
  | 'pause'
  | 'unstable'
  | 'wait_for_manual_error_handling'
  | 'debug_before'
  | 'debug_after'
  | 'distributed'

/** Task statuses after which nothing more happens (until a retry). */
export const TERMINAL: ReadonlySet<string> = new Set([
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  // Zadig v4.1+ ends a task `skipped` when its execute policies skipped every job
  // (docs/zadigx-api.md#task-statuses).
  'skipped'
])

/** A task still in the queue: it has a start_time (its creation) but no stage runs yet. */
export const QUEUED: ReadonlySet<string> = new Set([
  'created',
  'waiting',
  'queued',
  'blocked',
  'pending'
])

/** Stage and job statuses after which that stage or job does nothing more. */
export const STEP_ENDED: ReadonlySet<string> = new Set([
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  'skipped',
  'unstable'
])

/** The only successful task status. */
export const SUCCESS: ReadonlySet<string> = new Set(['passed'])

/** What the action reports in its `result` output. */
export type ActionResult =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'timeout'
  | 'rejected'
  | 'waiting-approval'
  | 'running'
  | 'skipped'

/** Statuses the server may return in a different case (HEAD lower-cases list statuses). */
export function normalizeStatus(status: string | undefined | null): string {
  return (status ?? '').trim().toLowerCase()
}

/** True when the task will not change any more by itself. */
export function isTerminal(status: string | undefined | null): boolean {
  return TERMINAL.has(normalizeStatus(status))
}

/** Maps a terminal (or current) task status to the action's `result`. */
export function resultOf(status: string | undefined | null): ActionResult {
  switch (normalizeStatus(status)) {
    case 'passed':
      return 'success'
    case 'failed':
      return 'failure'
    case 'timeout':
      return 'timeout'
    case 'cancelled':
      return 'cancelled'
    case 'reject':
      return 'rejected'
    case 'skipped':
      return 'skipped'
    case 'waitforapprove':
      return 'waiting-approval'
    default:
      return 'running'
  }
}
