// State handed from the main step to the post step through the runner's GITHUB_STATE.
import * as core from '@actions/core'
import type { TrackedTask } from './operations/context.js'

const KEY = 'zadigx-task'
// The name actions/checkout uses for the same purpose.
const POST_KEY = 'isPost'

/**
 * Whether this run of dist/index.js is the post step: action.yml runs the same
 * bundle for both, and the main step leaves `isPost` for the post step.
 */
export function isPostStep(): boolean {
  return core.getState(POST_KEY) === 'true'
}

/** Tells the post step that it is one (call first thing in the main step). */
export function markMainStep(): void {
  core.saveState(POST_KEY, 'true')
}

/** Saves the task the main step follows (and whether it is done with it). */
export function saveTrackedTask(task: TrackedTask): void {
  core.saveState(KEY, JSON.stringify(task))
}

/** The task the main step left, or undefined when there is none or it is unreadable. */
export function loadTrackedTask(): TrackedTask | undefined {
  const text = core.getState(KEY)
  if (!text) return undefined
  try {
    const task = JSON.parse(text) as Partial<TrackedTask>
    if (typeof task.workflowKey !== 'string' || typeof task.taskId !== 'number')
      return undefined
    return {
      workflowKey: task.workflowKey,
      taskId: task.taskId,
      done: !!task.done
    }
  } catch {
    return undefined
  }
}
