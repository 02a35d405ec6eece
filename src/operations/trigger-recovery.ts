// A trigger whose answer was lost (network error, or a 5xx that is not ZadigX's own
// error) may still have created the task. Sending it again could start a second pipeline,
// so the action looks for the task instead (STYLE.md: never resend a trigger blindly).
import { untrusted } from '../log.js'
import { ZadigApiError } from '../zadig/errors.js'
import { tokenUser } from '../zadig/token.js'
import type { TaskBrief } from '../zadig/types.js'
import type { OperationDeps } from './context.js'

/** How long to keep looking for a task the server may still be creating. */
const RECOVERY_WINDOW_MS = 20_000
const LOOKS = 4

/** The newest task ids before the trigger was sent (undefined when they could not be read). */
export type Baseline = { maxTaskId: number } | undefined

/** The baseline from the workflow's newest tasks, read before triggering. */
export function baselineOf(recent: TaskBrief[] | undefined): Baseline {
  if (!recent) return undefined
  return { maxTaskId: Math.max(0, ...recent.map(t => t.task_id)) }
}

/**
 * True when the trigger's fate is unknown: no answer, a 5xx without a ZadigX body,
 * a redirect that was not followed (it may have been acted on before it was
 * redirected), a 2xx too large to read (the task may exist; its id is unread), or a
 * 2xx without a usable task id (refused, docs/zadigx-api.md#answer-shapes).
 */
export function isLostAnswer(err: unknown): boolean {
  if (!(err instanceof ZadigApiError) || err.permanent) return false
  if (err.redirectRefused || err.refused) return true
  if (err.oversized && err.status >= 200 && err.status < 300) return true
  return err.status === 0 || (err.status >= 500 && err.code === undefined)
}

/**
 * Finds the task the lost trigger created: newer than the baseline and created by the
 * token's user. Returns its id, or throws an Error that says what is known.
 */
export async function recoverTriggeredTask(
  deps: OperationDeps,
  baseline: Baseline,
  cause: ZadigApiError
): Promise<number> {
  const { inputs, clock, log } = deps
  const user = tokenUser(inputs.token)?.name
  log.warning(
    `The answer to the trigger ${cause.refused ? 'cannot be used' : 'was lost'} (${cause.message}). Not sending it again: looking for the task it may have created${user ? ` by ${untrusted(user)}` : ''}.`
  )
  if (!baseline)
    throw new Error(
      `${cause.message}\nThe trigger may or may not have started a task, and the task list could not be read before it was sent, so the action cannot tell. Check the workflow in ZadigX before running it again.`
    )
  for (let look = 1; look <= LOOKS; look++) {
    const found = await newTasks(deps, baseline, user)
    if (found.length === 1) return found[0]!.task_id
    if (found.length > 1)
      throw new Error(
        `${cause.message}\nSeveral new tasks (#${found.map(t => t.task_id).join(', #')}) appeared since the trigger was sent${user ? ` by ${untrusted(user)}` : ''}; the action cannot tell which one is its own. Follow one with operation: wait.`
      )
    if (look < LOOKS) await clock.sleep(RECOVERY_WINDOW_MS / (LOOKS - 1))
  }
  throw new Error(notSeen(cause, inputs.workflow, user))
}

// Not "not created": ZadigX takes the task id early but inserts the task row only at the
// end of the trigger, so a trigger slower than the look-ups still creates a task after
// them (docs/zadigx-api.md#trigger-task, step 15).
function notSeen(
  cause: ZadigApiError,
  workflow: string,
  user: string | undefined
): string {
  const by = user ? ` by ${untrusted(user)}` : ''
  const seconds = Math.round(RECOVERY_WINDOW_MS / 1000)
  return `${cause.message}\nNo new task of ${workflow}${by} was seen within ${seconds}s after the trigger; check the workflow's task list in ZadigX before running the step again (ZadigX lists a task only once the trigger has finished, so a slow trigger may still have started one).`
}

async function newTasks(
  deps: OperationDeps,
  baseline: NonNullable<Baseline>,
  user: string | undefined
): Promise<TaskBrief[]> {
  const { inputs, client } = deps
  const page = await client.tasks.list(inputs.project, inputs.workflow, 1, 20)
  return page.workflow_tasks.filter(
    t => t.task_id > baseline.maxTaskId && (!user || t.task_creator === user)
  )
}
