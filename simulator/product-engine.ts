// Owns the product-workflow catalog and its tasks (docs/zadigx-api.md#product-workflows). Like the custom
// engine, tasks are brought up to the virtual clock whenever they are read.
import type { JobScript } from './catalog.js'
import type { VirtualClock } from './clock.js'
import { NO_DOCUMENTS, SimHttpError, zadigError } from './errors.js'
import type {
  SimProductHistoryTask,
  SimProductWorkflow
} from './product-catalog.js'
import type { PhaseName, PhaseScript, ProductTaskRun } from './product-run.js'
import {
  cancelProductTask,
  restartProductTask,
  settleProductTask
} from './product-run.js'
import type { ProductPlan } from './product-trigger.js'
import { planProductTask } from './product-trigger.js'
import type { SimCodeHost } from './system.js'
import { simulatedCommit } from './system.js'

/** What the product engine is built from. */
export interface ProductEngineOptions {
  clock: VirtualClock
  workflows: SimProductWorkflow[]
  codeHosts: SimCodeHost[]
}

/** The trigger response (note `pipeline_name`, docs/zadigx-api.md#product-workflows). */
export interface ProductTriggerResponse {
  project_name: string
  pipeline_name: string
  task_id: number
}

const HOUR_MS = 3_600_000

/** Owns every product workflow and its tasks. */
export class ProductEngine {
  private readonly runs = new Map<string, ProductTaskRun[]>()

  constructor(private readonly opts: ProductEngineOptions) {
    for (const wf of opts.workflows) this.seedHistory(wf)
  }

  /** Phases read their script from the live definition when they start. */
  private readonly script: PhaseScript = (task, phase) => {
    const wf = this.workflow(task.workflowKey)
    return wf?.[phase.name] ?? { durationSec: 0, outcome: 'passed' }
  }

  /** The mutable definition, or undefined. */
  workflow(key: string): SimProductWorkflow | undefined {
    return this.opts.workflows.find(w => w.key === key)
  }

  /** Every product workflow. */
  workflows(): SimProductWorkflow[] {
    return this.opts.workflows
  }

  /** All tasks of a workflow, oldest first, brought up to now. */
  tasks(key: string): ProductTaskRun[] {
    const list = this.runs.get(key) ?? []
    const now = this.opts.clock.now()
    for (const t of list) settleProductTask(t, now, this.script)
    return list
  }

  /** The task brought up to now, or undefined. */
  task(key: string, taskId: number): ProductTaskRun | undefined {
    return this.tasks(key).find(t => t.taskId === taskId)
  }

  /** POST /openapi/workflows/product/task (docs/zadigx-api.md#product-workflows). */
  trigger(
    workflowKey: string,
    input: Record<string, unknown>,
    creator: string
  ): ProductTriggerResponse {
    const wf = this.workflow(workflowKey)
    if (!wf) throw new SimHttpError(zadigError(6542, NO_DOCUMENTS))
    const plan = planProductTask(wf, input, this.opts.codeHosts)
    const task = this.createTask(wf, plan, creator, this.opts.clock.now())
    return {
      project_name: wf.project,
      pipeline_name: wf.key,
      task_id: task.taskId
    }
  }

  /** Cancels; false when the task is unknown or already finished. */
  cancel(key: string, taskId: number, user: string): boolean {
    const task = this.task(key, taskId)
    return !!task && cancelProductTask(task, user, this.opts.clock.now())
  }

  /** Restarts; false when the task is unknown or not failed/timeout/cancelled. */
  restart(key: string, taskId: number): boolean {
    const task = this.task(key, taskId)
    return !!task && restartProductTask(task, this.opts.clock.now())
  }

  /** Deletes the workflow and its tasks; unknown is 6543 (legacy DeleteWorkflow). */
  remove(key: string): void {
    const wf = this.workflow(key)
    if (!wf) throw new SimHttpError(zadigError(6543, NO_DOCUMENTS))
    this.opts.workflows.splice(this.opts.workflows.indexOf(wf), 1)
    this.runs.delete(key)
  }

  private createTask(
    wf: SimProductWorkflow,
    plan: ProductPlan,
    creator: string,
    atMs: number
  ): ProductTaskRun {
    const list = this.runs.get(wf.key) ?? []
    this.runs.set(wf.key, list)
    const task: ProductTaskRun = {
      taskId: Math.max(0, ...list.map(t => t.taskId)) + 1,
      workflowKey: wf.key,
      workflowName: wf.name,
      projectKey: wf.project,
      creator,
      createMs: atMs,
      status: 'waiting',
      error: '',
      env: plan.env,
      commits: plan.commits,
      phases: plan.phases.map((name: PhaseName) => ({ name, status: '' })),
      retries: 0,
      queueSec: wf.queueSec,
      readyAtMs: atMs + wf.queueSec * 1000
    }
    list.push(task)
    return task
  }

  // Seeded runs: one an hour before "now", build and deploy pinned to the duration.
  private seedHistory(wf: SimProductWorkflow): void {
    wf.history.forEach((entry, i) => {
      const createMs = this.opts.clock.now() - (wf.history.length - i) * HOUR_MS
      const task = this.createTask(
        wf,
        seededPlan(wf, entry),
        entry.creator ?? 'admin',
        createMs
      )
      const scripts = pinned(entry)
      for (const phase of task.phases) phase.pinned = scripts[phase.name]
      settleProductTask(task, createMs + HOUR_MS - 1, this.script)
    })
  }
}

function seededPlan(
  wf: SimProductWorkflow,
  entry: SimProductHistoryTask
): ProductPlan {
  const commits = wf.services.map(
    s =>
      entry.commitId ??
      s.repo.commitId ??
      simulatedCommit(s.repo.namespace, s.repo.name, s.repo.branch)
  )
  return { env: wf.envs[0] ?? '', phases: ['build', 'deploy'], commits }
}

function pinned(entry: SimProductHistoryTask): Record<PhaseName, JobScript> {
  const total = Math.max(0, entry.durationSec)
  const build = Math.floor((total * 2) / 3)
  return {
    build: { durationSec: build, outcome: 'passed' },
    deploy: { durationSec: total - build, outcome: entry.outcome ?? 'passed' }
  }
}
