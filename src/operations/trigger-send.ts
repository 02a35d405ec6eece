// Sending a trigger (custom or product) so that nothing is orphaned: what the post step needs to find the task
// is saved before the POST, the POST and the lost-answer lookup stop when the job is
// cancelled, and a cancel at any of those moments cancels the task it started (here, or
// in the post step when the runner kills this one first).
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from '../cancel.js'
import { errorMessage } from '../log.js'
import { tokenUser } from '../zadig/token.js'
import type { TaskBrief } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState,
  PendingTrigger
} from './context.js'
import type { Fingerprint } from './trigger-fingerprint.js'
import {
  baselineOf,
  isLostAnswer,
  lookForSentTask,
  recoverTriggeredTask,
  type LookupDeps
} from './trigger-recovery.js'

/**
 * Time to find the task after the job was cancelled: with the cancel's own budget it
 * stays inside the ~10 s the runner allows after SIGINT (src/cancel.ts).
 */
export const ABORT_FIND_BUDGET_MS = 4000
const ABORT_LOOK_PAUSE_MS = 1000

/** How the trigger ended: a task id, or the step's outcome when the job was cancelled. */
export type Sent = { taskId: number } | { stopped: OperationOutcome }

/** One trigger of either workflow type. */
export interface TriggerCall {
  /** Sends the POST (once), stopping when `signal` aborts. */
  post(signal?: AbortSignal): Promise<unknown>
  /** What it sends that the task can show again (trigger-fingerprint.ts). */
  sent: Fingerprint
  /** The workflow's newest tasks before sending; undefined when they could not be read. */
  recent: Pick<TaskBrief, 'task_id'>[] | undefined
}

type SendDeps = OperationDeps<{
  workflow: string
  token: string
  cancelOnAbort: boolean
}>

/**
 * Sends the trigger exactly once; `call.recent` is the baseline for finding the task if
 * the answer is lost.
 */
export async function sendTrigger(
  deps: SendDeps,
  state: OperationState,
  call: TriggerCall
): Promise<Sent> {
  const { inputs, signal } = deps
  if (signal?.aborted)
    return stopped(
      'failure',
      'The GitHub job was cancelled before the trigger was sent; no task was started.'
    )
  const pending: PendingTrigger = {
    afterTaskId: baselineOf(call.recent),
    creator: tokenUser(inputs.token)?.name,
    sent: call.sent
  }
  const track = trackerOf(deps, pending)
  // Before the POST: a job killed while it is in flight leaves the post step enough to
  // find the task and cancel it.
  track({ done: false })
  let answer: unknown
  try {
    answer = await call.post(signal)
  } catch (err) {
    if (signal?.aborted)
      return afterAbort(
        deps,
        state,
        pending,
        'while the trigger was being sent',
        track
      )
    if (!isLostAnswer(err)) {
      track({ done: true })
      throw err
    }
    return recover(deps, state, pending, err as Error, track)
  }
  const taskId = taskIdOf(answer)
  if (taskId === undefined)
    return recover(deps, state, pending, noTaskId(answer), track)
  track({ taskId, done: false })
  return { taskId }
}

type Track = (record: { taskId?: number; done: boolean }) => void

// The post step's record of this trigger: the pending trigger until its task id is known.
function trackerOf(deps: SendDeps, pending: PendingTrigger): Track {
  return record =>
    deps.track?.({
      workflowKey: deps.inputs.workflow,
      ...(record.taskId === undefined ? { trigger: pending } : {}),
      ...record
    })
}

// A positive whole task id; anything else (an empty 200, `{}`, a string) is an answer
// that does not say whether a task was started.
function taskIdOf(answer: unknown): number | undefined {
  const id = (answer as { task_id?: unknown } | undefined)?.task_id
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0
    ? id
    : undefined
}

function noTaskId(answer: unknown): Error {
  const what =
    answer === undefined ? 'an empty answer' : 'an answer without a task id'
  return new Error(`ZadigX answered the trigger with ${what} (HTTP 200)`)
}

async function recover(
  deps: SendDeps,
  state: OperationState,
  pending: PendingTrigger,
  cause: Error,
  track: Track
): Promise<Sent> {
  let taskId: number
  try {
    taskId = await recoverTriggeredTask(deps, pending, cause)
  } catch (err) {
    if (deps.signal?.aborted)
      return afterAbort(
        deps,
        state,
        pending,
        'while the action was looking for the task its trigger started',
        track
      )
    // The step ends here and says what it knows; nothing is left for the post step.
    track({ done: true })
    throw err
  }
  track({ taskId, done: false })
  return { taskId }
}

function stopped(
  result: OperationOutcome['result'],
  message: string
): { stopped: OperationOutcome } {
  return { stopped: { result, message } }
}

/**
 * The job was cancelled while the trigger's fate was unknown: find the task within
 * ABORT_FIND_BUDGET_MS and cancel it within ABORT_CANCEL_BUDGET_MS. What is not done
 * here stays saved for the post step.
 */
async function afterAbort(
  deps: SendDeps,
  state: OperationState,
  pending: PendingTrigger,
  when: string,
  save: Track
): Promise<Sent> {
  const { inputs, log } = deps
  const job = `The GitHub job was cancelled ${when}`
  if (!inputs.cancelOnAbort) {
    save({ done: true })
    return stopped(
      'failure',
      `${job}; cancel-on-abort is false, so a task it may have started is left running. Check the workflow's task list in ZadigX.`
    )
  }
  const lookup = { kind: deps.kind, workflow: inputs.workflow }
  const found = await findWithin(lookup, pending, deps, ABORT_FIND_BUDGET_MS)
  if (typeof found !== 'number') {
    save({ done: false })
    return stopped('failure', `${job}; ${found} The post step looks again.`)
  }
  state.taskId = found
  state.taskUrl = deps.kind.task(inputs.workflow, found).url
  const cancelled = await cancelWithin(
    s => deps.kind.task(inputs.workflow, found).cancel(s),
    ABORT_CANCEL_BUDGET_MS,
    log,
    `task #${found} (the job was cancelled)`
  )
  save({ taskId: found, done: cancelled })
  return cancelled
    ? stopped(
        'cancelled',
        `${job}; task #${found} it started was cancelled in ZadigX: ${state.taskUrl}`
      )
    : stopped(
        'failure',
        `${job}; task #${found} it started could not be cancelled (the post step tries again): ${state.taskUrl}`
      )
}

/**
 * Looks for the task a trigger started until `budgetMs` has passed: its id, or why it
 * was not taken, in words. Shared by the main step (after a cancel) and the post step.
 */
export async function findWithin(
  lookup: LookupDeps,
  pending: PendingTrigger,
  deps: Pick<OperationDeps, 'clock'>,
  budgetMs: number
): Promise<number | string> {
  const { afterTaskId } = pending
  if (afterTaskId === undefined)
    return 'the task list could not be read before the trigger, so a task it may have started cannot be told from others. Check the workflow in ZadigX.'
  const signal = AbortSignal.timeout(budgetMs)
  const start = deps.clock.now()
  let why = `no task it started was found within ${Math.round(budgetMs / 1000)} s.`
  while (!signal.aborted) {
    try {
      // One try per call: the next look comes sooner than a back-off would.
      const look = await lookForSentTask(
        lookup,
        { ...pending, afterTaskId },
        { signal, once: true }
      )
      if ('found' in look) return look.found
      if ('several' in look)
        return `tasks #${look.several.join(', #')} each carry the values this step sent; none is cancelled, since the action cannot tell which one is its own.`
    } catch (err) {
      why = `the task list could not be read (${errorMessage(err)}).`
    }
    if (deps.clock.now() - start + ABORT_LOOK_PAUSE_MS >= budgetMs) break
    await deps.clock.sleep(ABORT_LOOK_PAUSE_MS, signal)
  }
  return why
}
