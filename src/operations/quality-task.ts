// What run-test and run-scan share: a test or scan task is started once (no
// OpenAPI lists or cancels these tasks, so a lost answer can be neither looked up
// nor resent), then read until it ends (docs/zadigx-api.md#test-tasks, #scan-tasks).
import { follow } from '../follow/loop.js'
import { logStatusChanges } from '../follow/observers.js'
import { untrusted, type Logger } from '../log.js'
import type { Clock } from '../clock.js'
import { isTerminal } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { OperationOutcome } from './context.js'
import { isLostAnswer } from './trigger-recovery.js'

/** The kind of quality task, as the messages name it. */
export type QualityKind = 'test' | 'scan'

/** What starting and following a quality task needs from the step. */
export interface QualityStep {
  inputs: { timeoutMs: number; pollIntervalMs: number }
  log: Logger
  clock: Clock
  signal?: AbortSignal | undefined
}

/** The outcome when the job was cancelled before anything was sent. */
export function cancelledBeforeStart(
  kind: QualityKind,
  signal: AbortSignal | undefined
): OperationOutcome | undefined {
  if (!signal?.aborted) return undefined
  return {
    result: 'failure',
    message: `The GitHub job was cancelled before the ${kind} was started; no task was started.`
  }
}

/**
 * Sends the start once and returns the new task's id. A lost answer, a cancel
 * during the send or an answer without an id throws, saying the task may have
 * started and where to check (`where`, e.g. " (project demo, Code scans)").
 */
export async function startOnce(
  step: QualityStep,
  kind: QualityKind,
  name: string,
  where: string,
  send: () => Promise<unknown>
): Promise<number> {
  const check = `It is not sent again: check the ${kind}'s task list in ZadigX${where}`
  let answer: unknown
  try {
    answer = await send()
  } catch (err) {
    const why = step.signal?.aborted
      ? 'the GitHub job was cancelled while the start was being sent'
      : isLostAnswer(err)
        ? `the answer to the start was lost (${err instanceof Error ? err.message : String(err)})`
        : undefined
    if (why === undefined) throw err
    throw new Error(
      `run-${kind}: ${why}; a task of ${kind} ${name} may have started. ${check} before running this step again.`,
      { cause: err }
    )
  }
  const id = (answer as { task_id?: unknown } | null)?.task_id
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id
  throw new Error(
    `run-${kind}: ZadigX answered the start of ${kind} ${name} without a task id (HTTP 200); a task may have started. ${check}.`
  )
}

/** How following ended, and the last task read. */
export interface QualityEnd<T> {
  how: 'over' | 'timeout' | 'aborted'
  last: T | null
}

/** Reads task `id` with `look` until it ends; `saw` hears every read. */
export async function followQualityTask<T extends { status: string }>(
  step: QualityStep,
  kind: QualityKind,
  id: number,
  look: (signal?: AbortSignal) => Promise<T>,
  saw: (task: T) => void
): Promise<QualityEnd<T>> {
  const { inputs, log, clock, signal } = step
  const end = await follow<T>(
    { look, isOver: t => isTerminal(t.status) },
    {
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      clock,
      log,
      signal,
      observers: [
        { saw },
        logStatusChanges<T>(log, `${kind} task #${id}`, t => t.status, 'queued')
      ]
    }
  )
  return { how: end.how, last: end.last }
}

/** The outcome of a follow that did not see the end; undefined when it did. */
export function unfinishedOutcome(
  kind: QualityKind,
  end: QualityEnd<{ status: string }>
): OperationOutcome | undefined {
  const status = untrusted(end.last?.status || 'unread')
  if (end.how === 'aborted')
    return {
      result: 'cancelled',
      message: `stopped following the ${kind} task (it was ${status}); ZadigX has no OpenAPI route to cancel a ${kind} task, so it goes on in ZadigX`
    }
  if (end.how === 'timeout')
    return {
      result: 'timeout',
      message: `the ${kind} task was still ${status} at the timeout; it goes on in ZadigX`
    }
  return undefined
}

/** What a test or scan task read says about itself. */
export interface QualityTaskBrief {
  task_id: number
  status: string
  creator?: string
  create_time?: number
  start_time?: number
  end_time?: number
}

/** The task as the outputs and the summary read it: a task without stages, named for `name`. */
export function asTaskDetail(
  project: string,
  name: string,
  task: QualityTaskBrief
): TaskDetail {
  return {
    task_id: task.task_id,
    workflow_key: name,
    workflow_name: name,
    project_key: project,
    status: task.status,
    task_creator: task.creator,
    create_time: task.create_time,
    start_time: task.start_time,
    end_time: task.end_time,
    stages: []
  }
}
