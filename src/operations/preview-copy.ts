// How preview-env copies base-env: a share-env sub-environment where the server
// reads the create's `sub_env` (Zadig v4.2+) and base-env is a ready share-env
// base, otherwise a full copy (docs/zadigx-api.md#env-share-ready, #env-create).
import type { Logger } from '../log.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import type { ZadigClient } from '../zadig/client.js'
import type { CreateEnvRequest } from '../zadig/env-types.js'
import { isRouteMissing, ZadigApiError } from '../zadig/errors.js'
import { ENV_FEATURE_SINCE } from '../zadig/server-version.js'

/** How the preview is made from its base. */
export interface CopyChoice {
  /** The create's `sub_env`; absent for a full copy. */
  subEnv?: { enable: true; base_env: string }
  /** What the log, `data.copy` and the summary call it. */
  copy: string
  /** Why it is a full copy; absent for a sub-environment. */
  why?: string
}

/** The full copy. */
export const FULL_COPY = 'full copy'

// The checks the ready route answers (#env-share-ready), named from this list only:
// the answer's own keys are server text.
const CHECKS = [
  'namespace_has_istio_label',
  'virtualservice_deployed',
  'pods_have_istio_proxy',
  'workloads_ready'
]

/**
 * Chooses how `body` copies `baseEnv` (its `sub_env` set for a sub-environment) and
 * says which in one log line; returns `copy` for `data` and `what` for the summary.
 */
export async function planCopy(
  deps: { client: ZadigClient; log: Logger; inputs: { baseEnv: string } },
  address: EnvAddress,
  body: CreateEnvRequest
): Promise<{ copy: string; what: string }> {
  const { baseEnv } = deps.inputs
  const { subEnv, copy, why } = await chooseCopy(deps.client, address, baseEnv)
  if (subEnv) body.sub_env = subEnv
  const what = subEnv ? copy : `${copy} of ${baseEnv}`
  deps.log.info(
    `Creating ${address.envKey} as a ${what}${why ? ` (${why})` : ''}: ${body.services.map(s => s.service_name).join(', ')}`
  )
  return { copy, what }
}

/**
 * A sub-environment of `baseEnv` when the server takes one and `baseEnv` says it
 * is ready for share-env (`op=enable`); otherwise a full copy and why. A check
 * refused (403), missing or failed means a full copy: that works everywhere.
 */
export async function chooseCopy(
  client: ZadigClient,
  address: EnvAddress,
  baseEnv: string
): Promise<CopyChoice> {
  let takesSubEnv
  try {
    takesSubEnv = await client.system.isAtLeastV42(address.projectKey, 'x')
  } catch (err) {
    if (!(err instanceof ZadigApiError)) throw err
    return full(`the server's version could not be told (HTTP ${err.status})`)
  }
  if (!takesSubEnv)
    return full(`sub-environments need Zadig ${ENV_FEATURE_SINCE.subEnv}+`)
  let ready
  try {
    ready = await client.environments.shareReady(
      { ...address, envKey: baseEnv },
      'enable'
    )
  } catch (err) {
    if (!(err instanceof ZadigApiError)) throw err
    return full(refusal(err, baseEnv))
  }
  if (ready?.is_ready === true)
    return {
      subEnv: { enable: true, base_env: baseEnv },
      copy: `sub-environment of ${baseEnv}`
    }
  const failed = CHECKS.filter(c => ready?.checks?.[c] === false)
  const detail = failed.length
    ? `: ${failed.join(', ')} ${failed.length > 1 ? 'are' : 'is'} false`
    : ''
  return full(`${baseEnv} is not a ready share-env base${detail}`)
}

function full(why: string): CopyChoice {
  return { copy: FULL_COPY, why }
}

function refusal(err: ZadigApiError, baseEnv: string): string {
  if (isRouteMissing(err)) return 'the server has no share-env check'
  if (err.status === 403)
    return `the token may not check ${baseEnv}'s share-env mode (needs project admin or Env.EditConfig)`
  return `the share-env check of ${baseEnv} failed (HTTP ${err.status})`
}
