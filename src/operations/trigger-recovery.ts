// A trigger whose answer was lost (network error, a 5xx that is not ZadigX's own error,
// a 200 without a task id) may still have created the task. Sending it again could start
// a second pipeline, so the action looks for the task instead (STYLE.md: never resend a
// trigger blindly). Another job with the same token may be triggering the same workflow
// at the same time, so a task is this step's only when it carries what the step sent.
import { errorMessage, untrusted } from '../log.js'
import { ZadigApiError } from '../zadig/errors.js'
import type { TaskBrief } from '../zadig/types.js'
import type { OperationDeps, PendingTrigger } from './context.js'
import type { WorkflowKind } from './task-ref.js'
import { compareWithSent } from './trigger-fingerprint.js'

/** How long to keep looking for a task the server may still be creating. */
export const RECOVERY_WINDOW_MS = 20_000
const LOOKS = 4
// How many of the newest tasks one look reads, and at most how many new ones it opens.
const LOOK_PAGE = 20
const MAX_CANDIDATES = 5

/** The newest task id before the trigger was sent (undefined when it could not be read). */
export function baselineOf(
  recent: Pick<TaskBrief, 'task_id'>[] | undefined
): number | undefined {
  if (!recent) return undefined
  return Math.max(0, ...recent.map(t => t.task_id))
}

/**
 * True when the trigger's fate is unknown: no answer, a redirect not followed, a 2xx too
 * large to read, a 2xx without a usable task id (refused, docs/zadigx-api.md#answer-shapes),
 * or a 5xx that is not ZadigX's own error. ZadigX's own trigger errors all come before the
 * task row is written: its coded errors are HTTP 400, a plain Go error is HTTP 500 with
 * `code` 500 and the message "Internal Error: " (docs/zadigx-api.md#error-shapes,
 * #trigger-task). Any other 5xx, with or without a JSON `code`, is a gateway or proxy that
 * may have passed the trigger on.
 */
export function isLostAnswer(err: unknown): boolean {
  if (!(err instanceof ZadigApiError) || err.permanent) return false
  // A redirect not followed may have been acted on before it was redirected; a 2xx
  // too large to read, or without a usable id, may stand for a task that exists.
  if (err.redirectRefused || err.refused) return true
  if (err.oversized && err.status >= 200 && err.status < 300) return true
  if (err.status === 0) return true
  if (err.status < 500) return false
  const zadigPlainError =
    err.status === 500 &&
    err.code === 500 &&
    err.zadigMessage?.trim() === 'Internal Error:'
  return !zadigPlainError
}

/** What looking for the task needs (the main step's deps, or the post step's). */
export interface LookupDeps {
  /** The task routes of the workflow's type (task-ref.ts). */
  kind: WorkflowKind
  workflow: string
}

/** What one look found. */
export type Look =
  /** The one new task that carries what was sent. */
  | { found: number }
  /** Several new tasks carry what was sent: the action cannot tell which is its own. */
  | { several: number[] }
  /** New tasks by the user that show none of the values sent. */
  | { unsure: number[] }
  /** No new task that could be this step's; `others` carry other values. */
  | { none: true; others: number[] }

/**
 * One look at the newest tasks: those newer than the last task seen before sending,
 * created by the token's user, read in detail and compared with what was sent.
 */
export async function lookForSentTask(
  deps: LookupDeps,
  pending: PendingTrigger & { afterTaskId: number },
  options: { signal?: AbortSignal; once?: boolean } = {}
): Promise<Look> {
  const { kind, workflow } = deps
  const { signal, once } = options
  const page = await kind.newest(workflow, LOOK_PAGE, { signal, once })
  const fresh = page
    .filter(
      t =>
        typeof t.task_id === 'number' &&
        t.task_id > pending.afterTaskId &&
        (!pending.creator || t.task_creator === pending.creator)
    )
    .slice(0, MAX_CANDIDATES)
  const same: number[] = []
  const unsure: number[] = []
  const others: number[] = []
  for (const brief of fresh) {
    // Nothing sent to compare (a product workflow's task shows no inputs): no read.
    if (pending.sent.length === 0) {
      same.push(brief.task_id)
      continue
    }
    const detail = await kind
      .task(workflow, brief.task_id)
      .read({ signal, once })
    // A detail for another task than asked is no evidence either way.
    if (detail.task_id !== brief.task_id) continue
    const comparison = compareWithSent(pending.sent, detail)
    if (comparison === 'same') same.push(brief.task_id)
    else if (comparison === 'differs') others.push(brief.task_id)
    else unsure.push(brief.task_id)
  }
  if (same.length === 1) return { found: same[0]! }
  if (same.length > 1) return { several: same }
  if (unsure.length > 0) return { unsure }
  return { none: true, others }
}

/**
 * Finds the task the lost trigger created within the recovery window. Returns its id,
 * or throws an Error that says what is known. Stops early when `deps.signal` aborts
 * (the caller checks it and cancels what it can).
 */
export async function recoverTriggeredTask(
  deps: OperationDeps<{ workflow: string }>,
  pending: PendingTrigger,
  cause: Error
): Promise<number> {
  const { inputs, clock, log, signal } = deps
  const by = pending.creator ? ` by ${untrusted(pending.creator)}` : ''
  log.warning(
    `The answer to the trigger was lost (${cause.message}). Not sending it again: looking for the task it may have created${by}, carrying the values this step sent.`
  )
  const { afterTaskId } = pending
  if (afterTaskId === undefined)
    throw new Error(
      `${cause.message}\nThe trigger may or may not have started a task, and the task list could not be read before it was sent, so the action cannot tell. Check the workflow's task list in ZadigX before re-running.`
    )
  const lookup = { kind: deps.kind, workflow: inputs.workflow }
  let last: Look | string = { none: true, others: [] }
  for (let look = 1; look <= LOOKS; look++) {
    signal?.throwIfAborted()
    // A look that cannot read the list or a new task's detail proves nothing: the
    // next one tries again (a task whose detail is unknown might be this step's).
    last = await lookForSentTask(
      lookup,
      { ...pending, afterTaskId },
      { signal }
    ).catch((err: unknown) => {
      signal?.throwIfAborted()
      return errorMessage(err)
    })
    if (typeof last === 'string') {
      log.debug(`Looking for the task failed: ${last}`)
    } else if ('found' in last) return last.found
    else if ('several' in last)
      throw new Error(
        `${cause.message}\nTasks ${ids(last.several)} appeared since the trigger was sent${by}, and ${pending.sent.length > 0 ? 'each carries the values this step sent' : 'the task list shows nothing else that tells them apart'}: the action cannot tell which one is its own (the same token and the same inputs look alike). Follow yours with operation: wait and its task-id.`
      )
    if (look < LOOKS)
      await clock.sleep(RECOVERY_WINDOW_MS / (LOOKS - 1), signal)
  }
  signal?.throwIfAborted()
  throw new Error(notFound(cause, inputs.workflow, by, last))
}

function ids(list: number[]): string {
  return list.map(id => `#${id}`).join(', ')
}

// Not "not created": ZadigX takes the task id early but inserts the task row only at the
// end of the trigger, so a trigger slower than the look-ups still creates a task after
// them (docs/zadigx-api.md#trigger-task, step 15).
function notFound(
  cause: Error,
  workflow: string,
  by: string,
  last: Look | string
): string {
  const seconds = Math.round(RECOVERY_WINDOW_MS / 1000)
  let seen = ''
  if (typeof last === 'string') seen = ` The last look failed: ${last}`
  else if ('unsure' in last)
    seen = ` New tasks ${ids(last.unsure)}${by} show none of the values this step sent, so the action cannot tell whether one is its own.`
  else if ('none' in last && last.others.length > 0)
    seen = ` New tasks ${ids(last.others)}${by} carry other values than this step sent: another run's, not adopted.`
  return `${cause.message}\nThe task this trigger may have started in ${workflow} was not found after ${seconds} s; check the task list before re-running (ZadigX lists a task only once the trigger has finished, so a slow trigger may still have started one).${seen}`
}
