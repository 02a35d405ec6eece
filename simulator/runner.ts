// When things happen: `settleTask` replays every transition due up to a virtual
// instant, so a task's history is the same however often it is looked at.
import { approvalNextAt, tickApproval } from './approval.js'
import type { StageRun, TaskRun } from './model.js'
import type { ScriptSource } from './transitions.js'
import {
  finishJob,
  finishTask,
  startJobs,
  startNextStage,
  TERMINAL_TASK
} from './transitions.js'

function activeStage(task: TaskRun): StageRun | undefined {
  return task.stages.find(
    s => s.status === 'running' || s.status === 'waitforapprove'
  )
}

function tickStageApproval(
  task: TaskRun,
  stage: StageRun,
  at: number,
  src: ScriptSource
): void {
  const outcome = stage.approval && tickApproval(stage.approval, at)
  if (!outcome) return
  if (outcome.status === 'passed') {
    task.status = 'running'
    stage.status = 'running'
    stage.startMs = at
    return startJobs(task, stage, at, src)
  }
  // The stage never started, so it keeps no start/end time (fixtures/task-detail-rejected.json).
  stage.status = outcome.status
  stage.error =
    outcome.status === 'reject'
      ? `${outcome.user} reject this task`
      : 'workflow timeout'
  finishTask(task, at)
}

function tickJobs(
  task: TaskRun,
  stage: StageRun,
  at: number,
  src: ScriptSource
): void {
  for (const job of [...stage.jobs]) {
    if (stage.status !== 'running') return
    if (job.status === 'running' && (job.plannedEndMs ?? 0) <= at)
      finishJob(task, stage, job, job.plannedOutcome ?? 'passed', at, src)
    else if (job.status === 'wait_for_approval' && job.approval) {
      const outcome = tickApproval(job.approval, at)
      if (outcome) finishJob(task, stage, job, outcome.status, at, src)
    }
  }
}

function nextEventAt(task: TaskRun): number | undefined {
  if (TERMINAL_TASK.has(task.status)) return undefined
  if (task.status === 'waiting') return task.readyAtMs
  const stage = activeStage(task)
  if (!stage) return undefined
  if (stage.status === 'waitforapprove')
    return stage.approval ? approvalNextAt(stage.approval) : undefined
  const times: number[] = []
  for (const job of stage.jobs) {
    if (job.status === 'running') times.push(job.plannedEndMs ?? 0)
    if (job.status === 'wait_for_approval' && job.approval)
      times.push(approvalNextAt(job.approval))
  }
  return times.length > 0 ? Math.min(...times) : undefined
}

/** Applies every transition of `task` due at or before `now`. */
export function settleTask(
  task: TaskRun,
  now: number,
  src: ScriptSource
): void {
  for (let guard = 0; guard < 100_000; guard++) {
    const at = nextEventAt(task)
    if (at === undefined || at > now) return
    if (task.status === 'waiting') {
      task.status = 'running'
      task.startMs = at
      startNextStage(task, at, src)
      continue
    }
    const stage = activeStage(task)
    if (stage?.status === 'waitforapprove')
      tickStageApproval(task, stage, at, src)
    else if (stage) tickJobs(task, stage, at, src)
  }
}
