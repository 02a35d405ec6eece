// operation: create-release — records a delivery-centre version from what an
// environment runs, then follows it until its images are done
// (docs/zadigx-api.md#delivery-releases; Zadig v4.0.0 and later).
import { follow } from '../follow/loop.js'
import { logStatusChanges } from '../follow/observers.js'
import type { ReleaseInput } from '../inputs/types.js'
import { untrusted } from '../log.js'
import type { CreateReleaseBody, ReleaseDetail } from '../zadig/api/delivery.js'
import { releaseEnded } from '../zadig/api/delivery.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { showDetail, tooOld } from './release-fields.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'project' | 'releaseVersion' | 'release'>

/**
 * operation: create-release — the version `release-version` of `project`, taken
 * from the environment and services of `release`. With `wait` it follows the
 * release to `success` or `failed`. `data`: the release.
 */
export const createRelease = defineOperation({
  name: 'create-release',
  workflowTypes: ['custom'],
  needs: ['project', 'releaseVersion', 'release'],
  passes: passes.whenStartedOrFollowed,
  run: createAndFollow
})

/** The `from_env` body: the server reads each container's image from the environment. */
export function releaseBody(
  project: string,
  version: string,
  release: ReleaseInput
): CreateReleaseBody {
  return {
    project_key: project,
    version_name: version,
    source: 'from_env',
    env_name: release.env,
    production: release.production,
    desc: release.description,
    labels: release.labels,
    image_registry_id: '',
    services: release.services.map(s => ({
      service_name: s.service,
      images: s.containers.map(container => ({
        container_name: container,
        target_image: '',
        target_image_tag: '',
        push_image: false
      }))
    }))
  }
}

async function createAndFollow(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { client, inputs, log } = deps
  if (!(await client.delivery.hasReleasesByName(inputs.project)))
    throw tooOld('create-release', 'v4.0')
  const body = releaseBody(
    inputs.project,
    inputs.releaseVersion,
    inputs.release
  )
  try {
    await client.delivery.create(body)
  } catch (err) {
    if (!isLostAnswer(err)) throw err
    // Never sent again: a release of that name either exists now or was not made.
    await findLostRelease(deps, state, err)
  }
  log.info(
    `release ${inputs.releaseVersion} of ${inputs.project} created from environment ${inputs.release.env}`
  )
  if (!inputs.wait) {
    state.data = { version: inputs.releaseVersion, status: 'creating' }
    return { result: 'running' }
  }
  return followRelease(deps, state)
}

async function findLostRelease(
  { client, inputs }: Deps,
  state: OperationState,
  lost: unknown
): Promise<void> {
  const found = await client.delivery
    .detail(inputs.project, inputs.releaseVersion)
    .catch(() => undefined)
  if (found) {
    state.data = showDetail(found)
    return
  }
  throw new Error(
    `create-release: the answer to the create request was lost (${lost instanceof Error ? lost.message : String(lost)}) and release ${inputs.releaseVersion} cannot be read; it may still appear. Check the delivery centre before running this step again.`
  )
}

async function followRelease(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { client, inputs, log, clock, signal } = deps
  const end = await follow<ReleaseDetail>(
    {
      look: s =>
        client.delivery.detail(inputs.project, inputs.releaseVersion, s),
      isOver: r => releaseEnded(r.status)
    },
    {
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      clock,
      log,
      signal,
      observers: [
        { saw: r => (state.data = showDetail(r)) },
        logStatusChanges<ReleaseDetail>(
          log,
          `release ${inputs.releaseVersion}`,
          r => r.status ?? ''
        )
      ]
    }
  )
  return outcomeOf(end.how, end.last)
}

function outcomeOf(
  how: 'over' | 'timeout' | 'aborted',
  last: ReleaseDetail | null
): OperationOutcome {
  if (how === 'aborted')
    return { result: 'cancelled', message: 'stopped following the release' }
  if (how === 'timeout')
    return {
      result: 'timeout',
      message: `the release was still ${untrusted(last?.status ?? 'unread')} at the timeout; it goes on in ZadigX`
    }
  if ((last?.status ?? '').toLowerCase() === 'success')
    return { result: 'success' }
  return {
    result: 'failure',
    message: `the release ended ${untrusted(last?.status ?? '')}${last?.error ? `: ${untrusted(last.error)}` : ''}`
  }
}
