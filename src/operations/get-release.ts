// operation: get-release — one delivery-centre version by name
// (docs/zadigx-api.md#delivery-releases; Zadig v4.0.0 and later).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { untrusted } from '../log.js'
import { showDetail, tooOld } from './release-fields.js'

/**
 * operation: get-release — the release `release-version` of `project`: status,
 * environment, services and images. `data`: that release.
 */
export const getRelease = defineOperation({
  name: 'get-release',
  workflowTypes: ['custom'],
  needs: ['project', 'releaseVersion'],
  passes: passes.onSuccess,
  run: getOne
})

async function getOne(
  { client, inputs, log }: DepsOf<'project' | 'releaseVersion'>,
  state: OperationState
): Promise<OperationOutcome> {
  if (!(await client.delivery.hasReleasesByName(inputs.project)))
    throw tooOld('get-release', 'v4.0')
  const release = showDetail(
    await client.delivery.detail(inputs.project, inputs.releaseVersion)
  )
  state.data = release
  log.info(
    `release ${inputs.releaseVersion}: ${untrusted(release.status || 'no status')}`
  )
  return { result: 'success' }
}
