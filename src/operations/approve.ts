// operations approve and reject: decide the approval gate a task is waiting on.
import { untrusted } from '../log.js'
import {
  decidedOutsideZadig,
  findPendingApproval,
  type PendingApproval
} from '../zadig/approval-gate.js'
import { tokenUser } from '../zadig/token.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type InputsOf } from './define.js'
import { followTask } from '../follow/task.js'
import type { TaskRef } from './task-ref.js'
import { loadTask } from './task-load.js'

type DecideInputs = InputsOf<
  'workflow' | 'taskId',
  'project' | 'approval' | 'comment'
>

function pickGate(
  task: TaskDetail,
  wanted: string | undefined
): PendingApproval {
  const gate = findPendingApproval(task)
  if (!gate)
    throw new Error(
      `task-id: task #${task.task_id} is not waiting for approval (status ${untrusted(task.status || 'unknown')}); nothing to decide.`
    )
  if (wanted && ![gate.target, gate.label, gate.stage].includes(wanted))
    throw new Error(
      `approval: "${wanted}" is not waiting for approval; task #${task.task_id} is waiting on "${untrusted(gate.label)}" (stage ${untrusted(gate.stage)}).`
    )
  return gate
}

// Only native approvals can be decided through the approve route; ZadigX answers the
// others "not found approval" (docs/zadigx-api.md#approvals), so say where to go instead.
function refuseOutsideZadig(gate: PendingApproval, taskUrl?: string): void {
  const app = decidedOutsideZadig(gate)
  if (!app) return
  throw new Error(
    `approval: "${untrusted(gate.label)}" is a ${app} approval (type ${untrusted(gate.type)}); ZadigX takes its decision only in ${app}, not through the API, so the action cannot approve or reject it. Decide it in ${app}; the task goes on once it is decided${taskUrl ? ` (${taskUrl})` : ''}.`
  )
}

// ZadigX looks the token's user up among the gate's approvers by user id, refuses anyone
// else with code 6169, and refuses a second decision (docs/zadigx-api.md#approve-task).
// The token names its user, so the action says it before sending anything.
function checkApprover(
  deps: OperationDeps<DecideInputs>,
  gate: PendingApproval
): void {
  const user = tokenUser(deps.inputs.token)
  const listed = gate.voters.filter(v => v.id || v.name)
  if (!user || (!user.uid && !user.name) || listed.length === 0) return
  const mine = listed.find(v =>
    user.uid && v.id ? v.id === user.uid : v.name === user.name
  )
  const who = untrusted(user.name ?? user.uid)
  if (!mine)
    throw new Error(
      `token: user ${who} is not an approver of "${untrusted(gate.label)}"; approvers: ${untrusted(gate.approvers.join(', '))}.`
    )
  if (mine.decision)
    throw new Error(
      `token: user ${who} has already ${mine.decision === 'reject' ? 'rejected' : 'approved'} "${untrusted(gate.label)}"; ZadigX takes one decision per approver.`
    )
}

// ZadigX applies a decision on its next controller tick (docs/zadigx-api.md#approve-task), so the gate can
// still look pending right after the call; wait (bounded) until it no longer is, so that
// on-approval: exit does not stop on the gate that was just decided.
async function untilDecided(
  deps: OperationDeps<DecideInputs>,
  state: OperationState,
  ref: TaskRef,
  gate: PendingApproval
): Promise<void> {
  const { clock, inputs } = deps
  const deadline = clock.now() + 60_000
  while (clock.now() < deadline && !deps.signal?.aborted) {
    const task = await ref.read()
    state.task = task
    if (findPendingApproval(task)?.target !== gate.target) return
    await clock.sleep(Math.min(inputs.pollIntervalMs, 1000), deps.signal)
  }
}

function decide(approve: boolean) {
  return async (
    deps: OperationDeps<DecideInputs>,
    state: OperationState
  ): Promise<OperationOutcome> => {
    const { inputs, client, log } = deps
    const { ref, task } = await loadTask(deps, state)
    const gate = pickGate(task, inputs.approval)
    refuseOutsideZadig(gate, state.taskUrl)
    checkApprover(deps, gate)
    await client.tasks.approve({
      workflow_key: inputs.workflow,
      task_id: task.task_id,
      stage_name: gate.target,
      approve,
      comment: inputs.comment ?? ''
    })
    const verb = approve ? 'Approved' : 'Rejected'
    log.info(
      `${verb} "${untrusted(gate.label)}" of task #${task.task_id}: ${state.taskUrl}`
    )
    await untilDecided(deps, state, ref, gate)
    if (!inputs.wait) return { result: approve ? 'running' : 'rejected' }
    return followTask(deps, state, ref)
  }
}

const ON_GATE = {
  workflowTypes: ['custom'],
  needs: ['workflow', 'taskId'],
  reads: ['project', 'approval', 'comment']
} as const

/** operation: approve — decide the gate for, then follow the task (unless wait: false). */
export const approveOperation = defineOperation({
  name: 'approve',
  ...ON_GATE,
  passes: passes.whenStartedOrFollowed,
  run: decide(true)
})

/** operation: reject — a rejection that ends the task is what the step asked for. */
export const rejectOperation = defineOperation({
  name: 'reject',
  ...ON_GATE,
  passes: passes.whenRejected,
  run: decide(false)
})
