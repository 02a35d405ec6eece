// operation: list-releases — one page of a project's delivery-centre versions
// (docs/zadigx-api.md#delivery-releases; Zadig v3.0.0 and later).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { orTooOld, showBrief } from './release-fields.js'

/**
 * operation: list-releases — the newest release versions of `project`
 * (`page`, `page-size`). `data`: `{total, releases: [{version, status, …}]}`.
 */
export const listReleases = defineOperation({
  name: 'list-releases',
  workflowTypes: ['custom'],
  needs: ['project'],
  passes: passes.onSuccess,
  run: listPage
})

async function listPage(
  { client, inputs, log }: DepsOf<'project'>,
  state: OperationState
): Promise<OperationOutcome> {
  const page = await client.delivery
    .list(inputs.project, inputs.pageNum, inputs.pageSize)
    .catch(orTooOld('list-releases', 'v3.0'))
  const releases = page.list.map(showBrief)
  state.data = { total: page.total, releases }
  log.info(
    `${releases.length} of ${page.total} releases of ${inputs.project} (page ${inputs.pageNum})`
  )
  return { result: 'success' }
}
