// The task engine: owns every task, creates them from trigger bodies, and moves them
// along virtual time. Errors come out as SimHttpError carrying the exact response.
import type { CreateTaskV4Resp, OpenAPIRegistry } from './wire.js'
import type { SimWorkflow } from './catalog.js'
import { DecisionError, nextTick, recordDecision } from './approval.js'
import type { VirtualClock } from './clock.js'
import { NO_DOCUMENTS, plainError, SimHttpError, zadigError } from './errors.js'
import { pinHistory } from './history.js'
import { expandStage } from './job-tasks.js'
import type { TaskRun } from './model.js'
import type { Profile } from './profiles.js'
import { profileOf } from './profiles.js'
import { settleTask } from './runner.js'
import type { SimCodeHost } from './system.js'
import { cancelTask, findGate, retryTask, TaskOpError } from './task-ops.js'
import type { ScriptSource } from './transitions.js'
import { withoutSkips } from './transitions.js'
import type { TaskPlan } from './trigger.js'
import { planEverything, planTask } from './trigger.js'
import type { SimUser } from './users.js'

/** What the engine is built from. */
export interface EngineOptions {
  profile: Profile
  clock: VirtualClock
  workflows: SimWorkflow[]
  users: SimUser[]
  registries: OpenAPIRegistry[]
  codeHosts: SimCodeHost[]
}

/** A decision on an approval, from the API or from a person in the UI. */
export interface DecisionRequest {
  workflowKey: string
  taskId: number
  /** Stage name or approval job-task name; undefined = whatever is waiting. */
  target?: string
  user: SimUser
  approve: boolean
  comment: string
}

const HOUR_MS = 3_600_000

/** Owns the tasks of every workflow in the catalog. */
export class Engine {
  private readonly runs = new Map<string, TaskRun[]>()
  /** Last task id per workflow: taken before the task is built, so refusals leave gaps. */
  private readonly lastIds = new Map<string, number>()

  constructor(private readonly opts: EngineOptions) {
    for (const wf of opts.workflows) this.seedHistory(wf)
  }

  /** Scripts are read from the live definition when a job starts. */
  private readonly script: ScriptSource = (task, job) => {
    if (job.scriptPinned) return job.script
    const live = this.workflow(task.workflowKey)
      ?.stages.flatMap(s => s.jobs)
      .find(j => j.name === job.originName)
    const script = live?.script ?? job.script
    return this.opts.profile.executePolicy ? script : withoutSkips(script)
  }

  /** The mutable definition, or undefined. */
  workflow(key: string): SimWorkflow | undefined {
    return this.opts.workflows.find(w => w.key === key)
  }

  /** Every workflow in the catalog. */
  workflows(): SimWorkflow[] {
    return this.opts.workflows
  }

  /** Adds a workflow created through the API (docs/zadigx-api.md#create-workflow). */
  addWorkflow(wf: SimWorkflow): void {
    this.opts.workflows.push(wf)
  }

  /** Replaces a definition; its tasks stay (docs/zadigx-api.md#update-workflow). */
  replaceWorkflow(key: string, wf: SimWorkflow): void {
    const i = this.opts.workflows.findIndex(w => w.key === key)
    if (i >= 0) this.opts.workflows[i] = wf
  }

  /** Removes a workflow and its tasks (ids restart at 1); false when unknown. */
  removeWorkflow(key: string): boolean {
    const i = this.opts.workflows.findIndex(w => w.key === key)
    if (i < 0) return false
    this.opts.workflows.splice(i, 1)
    this.runs.delete(key)
    this.lastIds.delete(key)
    return true
  }

  /** The profile whose shapes a workflow's tasks follow (approval style, names). */
  modelOf(wf: SimWorkflow): Profile {
    return wf.model ? profileOf(wf.model) : this.opts.profile
  }

  /** The task, brought up to the current virtual time. */
  task(workflowKey: string, taskId: number): TaskRun | undefined {
    const task = this.runs.get(workflowKey)?.find(t => t.taskId === taskId)
    if (task) settleTask(task, this.opts.clock.now(), this.script)
    return task
  }

  /** All tasks of a workflow, oldest first, brought up to now. */
  tasks(workflowKey: string): TaskRun[] {
    const list = this.runs.get(workflowKey) ?? []
    for (const t of list) settleTask(t, this.opts.clock.now(), this.script)
    return list
  }

  /** POST /openapi/workflows/custom/task (docs/zadigx-api.md#trigger-task). */
  trigger(body: Record<string, unknown>, creator: string): CreateTaskV4Resp {
    const wf = this.workflow(String(body.workflow_key ?? ''))
    if (!wf) throw new SimHttpError(zadigError(6542, NO_DOCUMENTS))
    const plan = planTask(wf, body, this.opts)
    const task = this.createTask(wf, plan, creator, this.opts.clock.now())
    return {
      project_name: wf.project,
      workflow_name: wf.key,
      task_id: task.taskId
    }
  }

  /** Cancel (docs/zadigx-api.md#cancel-task): errors are 6163. */
  cancel(workflowKey: string, taskId: number, user: string): void {
    const task = this.task(workflowKey, taskId)
    if (!task) throw new SimHttpError(zadigError(6163, NO_DOCUMENTS))
    try {
      cancelTask(task, user, this.opts.clock.now())
    } catch (err) {
      if (!(err instanceof TaskOpError)) throw err
      throw new SimHttpError(zadigError(6163, err.message))
    }
  }

  /** Retry (docs/zadigx-api.md#retry-task): unknown task 6161, wrong status a plain 500. */
  retry(workflowKey: string, taskId: number): void {
    const task = this.task(workflowKey, taskId)
    if (!task) throw new SimHttpError(zadigError(6161, NO_DOCUMENTS))
    try {
      retryTask(task, this.opts.clock.now())
    } catch (err) {
      if (!(err instanceof TaskOpError)) throw err
      throw new SimHttpError(plainError(err.message))
    }
  }

  /** Records a decision; it takes effect on the next controller tick (docs/zadigx-api.md#approve-task). */
  decide(req: DecisionRequest): void {
    const task = this.task(req.workflowKey, req.taskId)
    const gate = task && findGate(task, req.target)
    if (!gate) throw new SimHttpError(zadigError(6169, this.notWaiting(req)))
    const now = this.opts.clock.now()
    const decision = { approve: req.approve, comment: req.comment, atMs: now }
    try {
      recordDecision(
        gate,
        { uid: req.user.uid, name: req.user.name },
        { ...decision, applyAtMs: nextTick(now) },
        this.opts.profile
      )
    } catch (err) {
      if (!(err instanceof DecisionError)) throw err
      throw new SimHttpError(zadigError(6169, err.message))
    }
  }

  private notWaiting(req: DecisionRequest): string {
    if (this.opts.profile.notWaitingText === 'not-found')
      return 'not found approval'
    return `workflow ${req.workflowKey} ID ${req.taskId} stage ${req.target ?? ''} do not need approve`
  }

  private createTask(
    wf: SimWorkflow,
    plan: TaskPlan,
    creator: string,
    atMs: number
  ): TaskRun {
    const list = this.runs.get(wf.key) ?? []
    this.runs.set(wf.key, list)
    const taskId = (this.lastIds.get(wf.key) ?? 0) + 1
    this.lastIds.set(wf.key, taskId)
    const model = this.modelOf(wf)
    const ctx = { ...this.opts, model, taskId, stages: plan.stages }
    // Only stages left with at least one job task exist in the task (docs/zadigx-api.md#task-detail).
    const stages = plan.stages
      .map(ps => expandStage(ps, ctx))
      .filter(s => s.jobs.length > 0)
    // …/service/workflow/workflow_task_v4.go, v1.18.0:1599-1604 (v5.0.0:3274-3279).
    if (stages.length === 0)
      throw new SimHttpError(
        zadigError(
          6160,
          `no stage found in workflow task: ${wf.key},taskID: ${taskId}`
        )
      )
    const task: TaskRun = {
      taskId,
      workflowKey: wf.key,
      workflowName: wf.name,
      projectKey: wf.project,
      model,
      creator,
      createMs: atMs,
      startMs: atMs,
      status: 'waiting',
      error: '',
      isRestart: false,
      retries: 0,
      queueSec: wf.queueSec,
      readyAtMs: atMs + wf.queueSec * 1000,
      params: plan.params,
      stages
    }
    list.push(task)
    return task
  }

  // Seeded runs: one an hour before "now", each pinned to its total duration.
  private seedHistory(wf: SimWorkflow): void {
    wf.history.forEach((entry, i) => {
      const createMs = this.opts.clock.now() - (wf.history.length - i) * HOUR_MS
      const task = this.createTask(
        wf,
        planEverything(wf),
        entry.creator ?? 'admin',
        createMs
      )
      pinHistory(task, entry)
      settleTask(task, createMs + HOUR_MS - 1, this.script)
    })
  }
}
