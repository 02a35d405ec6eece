// run(): read inputs -> build client -> dispatch operation -> outputs/summary -> exit status.
import * as core from '@actions/core'
import { systemClock, type Clock } from './clock.js'
import { createZadigClient } from './connection.js'
import { connectGitHub } from './github-bridge.js'
import { chooseLogMode } from './follow/log-mode.js'
import { reportToGitHub, trackForPostStep } from './follow/observers.js'
import { repositoryVisibility } from './github/context.js'
import { cancelAbandoned, type TaskObserver } from './follow/task.js'
import { getInputs, type ActionInputs } from './inputs.js'
import {
  actionsLogger,
  errorMessage,
  forLog,
  scrubbingLogger,
  untrusted,
  type Logger
} from './log.js'
import type {
  OperationOutcome,
  OperationState,
  TrackedTask
} from './operations/context.js'
import { selectOperation } from './operations/index.js'
import { workflowKind } from './operations/task-ref.js'
import { writeOutputs } from './outputs.js'
import { saveTrackedTask } from './post-state.js'
import { buildReport, type TaskReport } from './report.js'
import { writeSummary } from './summary.js'

/** What run() can be given instead of the real world (tests pass their own). */
export interface RunDeps {
  env?: NodeJS.ProcessEnv
  fetch?: typeof fetch
  clock?: Clock
  log?: Logger
  signal?: AbortSignal
  track?: (task: TrackedTask) => void
}

/**
 * Entry point of the action's main step. Never throws; fails the step instead, and
 * resolves to whether the step passed (for callers whose `core.setFailed` sets no exit
 * code, such as `@github/local-action`'s).
 */
export async function run(deps: RunDeps = {}): Promise<boolean> {
  const log = scrubbingLogger(deps.log ?? actionsLogger)
  const clock = deps.clock ?? systemClock
  let inputs: ActionInputs | undefined
  const state: OperationState = { projectKey: '', workflowKey: '' }
  const observers: TaskObserver[] = []
  const report = (outcome: OperationOutcome): TaskReport =>
    reportOf(inputs, state, outcome, clock)
  let outcome: OperationOutcome
  // Whether the step passes: the operation's declared rule on what it returned.
  let passed = false
  try {
    const read = await getInputs(deps.env)
    inputs = read.inputs
    for (const warning of read.warnings) log.warning(warning)
    state.projectKey = inputs.project
    state.workflowKey = inputs.workflow
    const github = await connectGitHub(inputs, deps.env ?? process.env, log)
    const client = createZadigClient(inputs, log, {
      fetch: deps.fetch,
      sleep: (ms, signal) => clock.sleep(ms, signal)
    })
    const track = deps.track ?? saveTrackedTask
    observers.push(trackForPostStep(track))
    const toGitHub = github.reporter
      ? reportToGitHub(github.reporter, () => report({ result: 'running' }))
      : undefined
    if (toGitHub) observers.push(toGitHub)
    const operation = selectOperation(inputs)
    outcome = await operation.run(
      {
        inputs,
        client,
        kind: workflowKind(client, inputs),
        clock,
        log,
        signal: deps.signal,
        github: github.run,
        observers,
        track,
        rolloutStarted: async () => {
          await toGitHub?.started?.(undefined)
        },
        logs: chooseLogMode(
          inputs.logs,
          inputs.logs === 'auto'
            ? repositoryVisibility(deps.env ?? process.env)
            : undefined
        )
      },
      state
    )
    passed = operation.passes(outcome, inputs)
  } catch (err) {
    const message = inputs
      ? await cancelAbandoned({ inputs, log, observers }, state, err)
      : errorMessage(err)
    outcome = { result: 'failure', message }
  }
  const final = report(outcome)
  if (state.taskId !== undefined || state.env?.announced)
    for (const o of observers) await o.finished?.(final)
  await finish(inputs, final, outcome, passed, log)
  return passed
}

function reportOf(
  inputs: ActionInputs | undefined,
  state: OperationState,
  outcome: OperationOutcome,
  clock: Clock
): TaskReport {
  return buildReport({
    operation: inputs?.operation ?? '',
    projectKey: state.projectKey,
    workflowKey: state.workflowKey,
    workflowName: state.workflowName,
    taskId: state.taskId,
    task: state.task ?? null,
    result: outcome.result,
    taskUrl: state.taskUrl,
    message: outcome.message,
    pendingApproval: outcome.pendingApproval ?? null,
    data: state.data,
    env: state.env,
    quality: state.quality,
    stats: state.stats,
    jobLogs: state.jobLogs,
    nowSeconds: Math.floor(clock.now() / 1000)
  })
}

async function finish(
  inputs: ActionInputs | undefined,
  report: TaskReport,
  outcome: OperationOutcome,
  passed: boolean,
  log: Logger
): Promise<void> {
  writeOutputs(report)
  if (inputs?.summary !== false) {
    await writeSummary(report).catch((err: unknown) =>
      log.warning(`Could not write the job summary: ${errorMessage(err)}`)
    )
  }
  if (passed) {
    if (outcome.message) log.info(outcome.message)
    return
  }
  core.setFailed(
    forLog(untrusted(outcome.message ?? `result: ${outcome.result}`))
  )
}
