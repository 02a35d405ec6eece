// State handed from the main step to the post step through the runner's GITHUB_STATE.
import * as core from '@actions/core'
import type { TrackedTask } from './operations/context.js'

const KEY = 'zadigx-task'

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
