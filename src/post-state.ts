// State handed from the main step to the post step through the runner's GITHUB_STATE.
import * as core from '@actions/core'
import type { PendingTrigger, TrackedTask } from './operations/context.js'
import { readFingerprint } from './operations/trigger-fingerprint.js'
import { isMapping } from './structured.js'

const KEY = 'zadigx-task'

/** Set by dist/post.js (action.yml `runs.post`) before it loads the bundle. */
export const POST_FLAG = '__zadigxPostStep'

/**
 * Whether this run of the bundle is the post step. The entry file says so, not saved
 * state: a job cancelled before the main step saved anything must never make the post
 * step act as a main step (it would trigger a second run).
 */
export function isPostStep(): boolean {
  return (globalThis as Record<string, unknown>)[POST_FLAG] === true
}

/** Saves the task the main step follows or is starting (and whether it is done with it). */
export function saveTrackedTask(task: TrackedTask): void {
  core.saveState(KEY, JSON.stringify(task))
}

/** The task the main step left, or undefined when there is none or it is unreadable. */
export function loadTrackedTask(): TrackedTask | undefined {
  const text = core.getState(KEY)
  if (!text) return undefined
  try {
    const task = JSON.parse(text) as Partial<TrackedTask>
    if (typeof task.workflowKey !== 'string') return undefined
    const done = !!task.done
    if (typeof task.taskId === 'number')
      return { workflowKey: task.workflowKey, taskId: task.taskId, done }
    const trigger = pendingTrigger(task.trigger)
    return trigger
      ? { workflowKey: task.workflowKey, trigger, done }
      : undefined
  } catch {
    return undefined
  }
}

function pendingTrigger(value: unknown): PendingTrigger | undefined {
  if (!isMapping(value)) return undefined
  const sent = readFingerprint(value.sent)
  if (!sent) return undefined
  const pending: PendingTrigger = { sent }
  if (typeof value.afterTaskId === 'number')
    pending.afterTaskId = value.afterTaskId
  if (typeof value.creator === 'string') pending.creator = value.creator
  return pending
}
