// The running-task stream (docs/zadigx-api.md#running-tasks): once a second, every
// custom-workflow task that runs or waits for approval, in any project. Only the
// fields that tell a task apart and show that it moved are kept; the rest is dropped.
import { isMapping, mappings } from '../../structured.js'
import type { ZadigHttp } from '../http.js'
import { readEvents } from '../sse.js'

/** The route (docs/zadigx-api.md#running-tasks). */
export const RUNNING_TASKS_PATH =
  '/api/aslan/workflow/sse/workflowTasks/running'

/** One listed task, as far as the action reads it. */
export interface RunningEntry {
  workflowKey: string
  taskId: number
  status: string
  /** The status of each stage and job, in order: what changes as the task moves. */
  steps: string[]
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

function entryOf(raw: Record<string, unknown>): RunningEntry {
  const steps: string[] = []
  for (const stage of mappings(raw.stages)) {
    steps.push(text(stage.status))
    for (const job of mappings(stage.jobs)) steps.push(text(job.status))
  }
  const id = raw.task_id
  return {
    workflowKey: text(raw.workflow_name),
    taskId: typeof id === 'number' ? id : Number.NaN,
    status: text(raw.status),
    steps
  }
}

/** Thrown when a message is not the list the route sends. */
export class StreamShapeError extends Error {
  constructor(what: string) {
    super(`the running-task stream sent ${what}`)
    this.name = 'StreamShapeError'
  }
}

/** The lists the stream sends, until it ends or `signal` aborts. */
export async function* readRunningTasks(
  http: ZadigHttp,
  signal: AbortSignal
): AsyncGenerator<RunningEntry[]> {
  const body = await http.stream(RUNNING_TASKS_PATH, signal)
  for await (const event of readEvents(body)) {
    if (event.event !== 'message') continue
    let list: unknown
    try {
      list = JSON.parse(event.data)
    } catch {
      throw new StreamShapeError('a message that is not JSON')
    }
    // gin sends a nil slice as null; the list is built non-nil, but be lenient.
    if (list === null) list = []
    if (!Array.isArray(list)) throw new StreamShapeError('something not a list')
    yield list.filter(isMapping).map(entryOf)
  }
}

/** The entry of one task in a list, if it is there. */
export function entryFor(
  list: RunningEntry[],
  workflowKey: string,
  taskId: number
): RunningEntry | undefined {
  return list.find(e => e.taskId === taskId && e.workflowKey === workflowKey)
}
