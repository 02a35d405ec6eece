// A product-workflow task and how it moves on virtual time: waiting -> running
// (build phase, then deploy phase) -> passed | failed | timeout, plus cancel and
// restart (docs/zadigx-api.md#product-workflows). Times are virtual epoch milliseconds.
import type { JobScript } from './catalog.js'
import { outcomeFor, TERMINAL_TASK } from './transitions.js'

/** The two phases a product task can run. */
export type PhaseName = 'build' | 'deploy'

/** One phase of a product task. */
export interface PhaseRun {
  name: PhaseName
  status: string
  startMs?: number
  endMs?: number
  plannedEndMs?: number
  plannedOutcome?: string
  plannedError?: string
  /** Seeded history pins its script instead of reading the live definition. */
  pinned?: JobScript
}

/** A product-workflow task. */
export interface ProductTaskRun {
  taskId: number
  workflowKey: string
  workflowName: string
  projectKey: string
  creator: string
  revoker?: string
  createMs: number
  startMs?: number
  endMs?: number
  status: string
  error: string
  env: string
  /** Commits the build checked out (empty when the build phase was off). */
  commits: string[]
  phases: PhaseRun[]
  /** Restarts so far: the attempt index for scripted outcomes. */
  retries: number
  queueSec: number
  readyAtMs: number
}

/** Where a phase reads its current script. */
export type PhaseScript = (task: ProductTaskRun, phase: PhaseRun) => JobScript

// The docs list only failed/timeout/cancelled tasks as restartable (docs/zadigx-api.md#product-workflows).
const RESTARTABLE = new Set(['failed', 'timeout', 'cancelled'])

function finish(task: ProductTaskRun, status: string, at: number): void {
  task.status = status
  task.endMs = at
}

function startNext(task: ProductTaskRun, at: number, src: PhaseScript): void {
  const phase = task.phases.find(p => p.status === '')
  if (!phase) return finish(task, 'passed', at)
  const script = phase.pinned ?? src(task, phase)
  phase.status = 'running'
  phase.startMs = at
  phase.plannedEndMs = at + Math.max(0, script.durationSec) * 1000
  phase.plannedOutcome = outcomeFor(script, task.retries)
  phase.plannedError = script.error
}

function endPhase(
  task: ProductTaskRun,
  phase: PhaseRun,
  at: number,
  src: PhaseScript
): void {
  const outcome = phase.plannedOutcome ?? 'passed'
  phase.status = outcome
  phase.endMs = at
  if (outcome === 'passed') return startNext(task, at, src)
  task.error = phase.plannedError ?? `${phase.name} ${outcome}`
  finish(task, outcome, at)
}

function nextAt(task: ProductTaskRun): number | undefined {
  if (TERMINAL_TASK.has(task.status)) return undefined
  if (task.status === 'waiting') return task.readyAtMs
  return task.phases.find(p => p.status === 'running')?.plannedEndMs
}

/** Applies every transition of `task` due at or before `now`. */
export function settleProductTask(
  task: ProductTaskRun,
  now: number,
  src: PhaseScript
): void {
  for (let guard = 0; guard < 1000; guard++) {
    const at = nextAt(task)
    if (at === undefined || at > now) return
    if (task.status === 'waiting') {
      task.status = 'running'
      task.startMs = at
      startNext(task, at, src)
      continue
    }
    const phase = task.phases.find(p => p.status === 'running')
    if (phase) endPhase(task, phase, at, src)
  }
}

/** Cancels a waiting or running task; false when it already finished. */
export function cancelProductTask(
  task: ProductTaskRun,
  user: string,
  at: number
): boolean {
  if (TERMINAL_TASK.has(task.status)) return false
  for (const phase of task.phases.filter(p => p.status === 'running')) {
    phase.status = 'cancelled'
    phase.endMs = at
  }
  task.revoker = user
  finish(task, 'cancelled', at)
  return true
}

/** Re-queues the same task id, keeping passed phases; false when not restartable. */
export function restartProductTask(task: ProductTaskRun, at: number): boolean {
  if (!RESTARTABLE.has(task.status)) return false
  task.retries += 1
  task.status = 'waiting'
  task.readyAtMs = at + task.queueSec * 1000
  task.startMs = task.endMs = undefined
  task.error = ''
  for (const phase of task.phases) {
    if (phase.status === 'passed') continue
    phase.status = ''
    phase.startMs = phase.endMs = phase.plannedEndMs = undefined
  }
  return true
}

function sec(ms: number | undefined): number {
  return ms === undefined ? 0 : Math.floor(ms / 1000)
}

/** One element of GET /openapi/workflows/product/:key/tasks (bare array). */
export function productTaskBrief(task: ProductTaskRun) {
  return {
    workflow_key: task.workflowKey,
    project_key: task.projectKey,
    task_id: task.taskId,
    create_time: sec(task.createMs),
    task_creator: task.creator,
    start_time: sec(task.startMs),
    end_time: sec(task.endMs),
    status: task.status
  }
}

/** GET /openapi/workflows/product/:key/task/:id; stages are not returned. */
export function productTaskDetail(task: ProductTaskRun) {
  const { workflow_key, ...rest } = productTaskBrief(task)
  return { workflow_key, workflow_name: task.workflowName, ...rest }
}

/** A product task as task detail shows it, plus what the build used. */
export type ProductTaskSnapshot = ReturnType<typeof productTaskDetail> & {
  env: string
  commit_ids: string[]
}

/** The control-side view of a task (sim.productTasks). */
export function productSnapshot(task: ProductTaskRun): ProductTaskSnapshot {
  return {
    ...productTaskDetail(task),
    env: task.env,
    commit_ids: [...task.commits]
  }
}
