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

// Every set is spelled in TaskStatus words, so that a misspelt status fails to compile.
const statuses = (...list: TaskStatus[]): ReadonlySet<string> => new Set(list)

/** Every status this action knows (TaskStatus, and the old `notRun`, `disabled`, `changed`). */
const KNOWN: ReadonlySet<string> = new Set<string>([
  ...statuses(
    'created',
    'waiting',
    'queued',
    'blocked',
    'pending',
    'running',
    'prepare',
    '',
    'passed',
    'failed',
    'timeout',
    'cancelled',
    'reject',
    'skipped',
    'waitforapprove',
    'wait_for_approval',
    'pause',
    'unstable',
    'wait_for_manual_error_handling',
    'debug_before',
    'debug_after',
    'distributed'
  ),
  // config.Status values not used on workflow v4 tasks (docs/zadigx-api.md#task-statuses).
  'notrun',
  'disabled',
  'changed'
])

/** True when `status` (any case) is one this action knows. */
export function isKnownStatus(status: string | undefined | null): boolean {
  return KNOWN.has(normalizeStatus(status))
}

/** Task statuses after which nothing more happens (until a retry). */
export const TERMINAL = statuses(
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  // Zadig v4.1+ ends a task `skipped` when its execute policies skipped every job
  // (docs/zadigx-api.md#task-statuses).
  'skipped'
)

/** A task still in the queue: it has a start_time (its creation) but no stage runs yet. */
export const QUEUED = statuses(
  'created',
  'waiting',
  'queued',
  'blocked',
  'pending'
)

/** Stage and job statuses after which that stage or job does nothing more. */
export const STEP_ENDED = statuses(
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  'skipped',
  'unstable'
)

/** The only successful task status. */
export const SUCCESS = statuses('passed')

/** A job or stage at work (`prepare` is a job being scheduled). */
export const ACTIVE = statuses('running', 'prepare')

/** A gate waiting for approval: stage approvals (v1.18) and approval jobs (v3.1+). */
export const AWAITING_APPROVAL = statuses('waitforapprove', 'wait_for_approval')

/** Ended tasks ZadigX can retry under the same id (docs/zadigx-api.md#retry-task). */
export const RETRYABLE = statuses('failed', 'timeout', 'cancelled', 'reject')

/** Ended product-workflow tasks the directory API refuses to restart (docs/zadigx-api.md#directory-api). */
export const NOT_RESTARTABLE = statuses('running', 'passed')

/** True when `status` (any case) is `wanted`. */
export function isStatus(
  status: string | undefined | null,
  wanted: TaskStatus
): boolean {
  return normalizeStatus(status) === wanted
}

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

/**
 * A status as a word in a sentence (`job approve rejected`): ZadigX's own `reject` is a
 * verb. Outputs keep the raw status.
 */
export function statusWord(status: string | undefined): string {
  const s = normalizeStatus(status)
  return s === 'reject' ? 'rejected' : s
}

/** A one-character mark for a status, shared by the log and the summary. */
export function statusIcon(status: string | undefined): string {
  const s = normalizeStatus(status)
  if (s === 'passed') return '✔'
  if (s === 'failed' || s === 'timeout' || s === 'reject') return '✖'
  if (s === 'cancelled') return '⊘'
  if (s === 'skipped') return '↷'
  if (s === 'unstable') return '⚠'
  if (ACTIVE.has(s)) return '▶'
  if (s === '') return '·'
  return '⏸'
}
