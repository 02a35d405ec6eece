// operation: create-scan — a new code scan in the project from `definition`
// (docs/zadigx-api.md#create-scan). The create is sent once: a lost answer is never
// sent again, and no OpenAPI reads a scan back to look for it.
import { parseStructured } from '../structured.js'
import { ZadigApiError } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'project' | 'definition'>

/**
 * operation: create-scan — creates the scan `definition` describes in `project`
 * (its `project_key` filled from `project` when left out).
 * `data`: `{scan, project, scanner_type, created}`.
 */
export const createScanOperation = defineOperation({
  name: 'create-scan',
  workflowTypes: ['custom'],
  needs: ['project', 'definition'],
  passes: passes.onSuccess,
  run: createScan
})

async function createScan(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log, signal } = deps
  const body: Record<string, unknown> = {
    ...(parseStructured(inputs.definition) as Record<string, unknown>),
    project_key: inputs.project
  }
  const scan = String(body.name)
  state.projectKey = inputs.project
  const data = {
    scan,
    project: inputs.project,
    scanner_type: body.scanner_type,
    created: false
  }
  state.data = data
  // From Zadig v4.2.0 the route dereferences a webhook setting it never fills: every
  // create crashes (#create-scan), so none is sent there.
  if (await client.system.isAtLeastV42(inputs.project, scan))
    return {
      result: 'failure',
      message: `Not sent: this ZadigX server (Zadig v4.2 or later) crashes on every code scan created through its OpenAPI. Create scan ${scan} in the ZadigX UI instead.`
    }
  try {
    await client.quality.createScan(body, signal)
  } catch (err) {
    if (crashed(err))
      throw new Error(
        `create-scan: ZadigX failed with an empty HTTP 500, as Zadig v4.2.0 and later do on every code scan created through the OpenAPI (or on an image_name it does not know), which create nothing. It is not sent again: check the code scans of project ${inputs.project}, then create scan ${scan} in the ZadigX UI or fix image_name.`,
        { cause: err }
      )
    if (!isLostAnswer(err) && !signal?.aborted) throw err
    throw new Error(
      `create-scan: the answer to the create of scan ${scan} was lost; it may have been created. It is not sent again: check the code scans of project ${inputs.project} in ZadigX before running this step again.`,
      { cause: err }
    )
  }
  state.data = { ...data, created: true }
  log.info(`Created code scan ${scan} in project ${inputs.project}`)
  return { result: 'success' }
}

// A Go panic caught by gin's recovery: status 500 and no body.
function crashed(err: unknown): boolean {
  return (
    err instanceof ZadigApiError &&
    err.status === 500 &&
    err.code === undefined &&
    !err.description &&
    !err.bodySnippet
  )
}
