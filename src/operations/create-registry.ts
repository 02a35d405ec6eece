// operation: create-registry — adds an image registry to ZadigX's system settings
// (docs/zadigx-api.md#create-registry), the counterpart of list-registries.
import type { RegistryInput } from '../inputs/types.js'
import { errorMessage, untrusted } from '../log.js'
import type { CreateRegistryBody } from '../zadig/api/system.js'
import { ZadigApiError } from '../zadig/errors.js'
import type { Registry } from '../zadig/types.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'registry', 'registryAccessKey' | 'registrySecretKey'>

/** What `data` shows: never a credential. */
export interface CreatedRegistry {
  id?: string
  address: string
  namespace: string
  provider: string
  is_default: boolean
  created: boolean
}

/**
 * operation: create-registry — adds `registry` (with `registry-access-key` and
 * `registry-secret-key`) unless a registry of the same address and namespace is
 * listed already. System admins only. A create is sent at most once: a lost or
 * failed answer is looked up in the list. `data`: `{id, address, namespace,
 * provider, is_default, created}`.
 */
export const createRegistryOperation = defineOperation({
  name: 'create-registry',
  workflowTypes: ['custom'],
  needs: ['registry'],
  reads: ['registryAccessKey', 'registrySecretKey'],
  passes: passes.onSuccess,
  run: createRegistry
})

/** The POST body: the input's fields in the server's names (#create-registry). */
export function registryBody(
  registry: RegistryInput,
  accessKey: string,
  secretKey: string
): CreateRegistryBody {
  return {
    address: registry.address,
    provider: registry.provider,
    namespace: registry.namespace,
    region: registry.region,
    is_default: registry.isDefault,
    access_key: accessKey,
    secret_key: secretKey,
    enable_tls: registry.enableTls,
    tls_cert: registry.tlsCert
  }
}

async function createRegistry(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { client, inputs, log } = deps
  const wanted = inputs.registry
  const name = nameOf(wanted)
  state.data = fromInput(wanted, false)
  const before = await client.system.registries()
  const same = matching(before, wanted)[0]
  if (same) return alreadyThere(deps, state, same)
  const previousDefault = before.find(r => r.is_default)
  try {
    await client.system.createRegistry(
      registryBody(
        wanted,
        inputs.registryAccessKey ?? '',
        inputs.registrySecretKey ?? ''
      )
    )
  } catch (err) {
    if (err instanceof ZadigApiError && err.status === 403) throw notAdmin(err)
    if (!mayHaveCreated(err)) throw err
    // Never sent again: the list says whether the registry was stored.
    return lookAfterLoss(deps, state, before, err)
  }
  // The answer has no id: the list gives it; a failed read does not undo the create.
  const found = await findNew(deps, before, wanted).catch(() => undefined)
  state.data = found ? fromListed(found, true) : fromInput(wanted, true)
  log.info(
    `Created image registry ${name}${found ? ` (id ${untrusted(found.registry_id)})` : ''}`
  )
  if (!found)
    log.warning(
      `create-registry: ZadigX accepted registry ${name} but does not list it yet; data has no id`
    )
  if (wanted.isDefault && previousDefault)
    log.info(
      `${name} is now the default registry; ${nameOf(previousDefault)} is no longer the default`
    )
  return { result: 'success' }
}

/** `address/namespace`, as a build job's `registry` names it. */
function nameOf(r: { address: string; namespace: string }): string {
  return untrusted(`${r.address}/${r.namespace}`)
}

// The server trims the namespace it stores and keeps the address as given
// (#create-registry); a trailing slash on either side of the address is not a new registry.
function matching(list: Registry[], wanted: RegistryInput): Registry[] {
  const bare = (address: string): string => address.trim().replace(/\/+$/, '')
  return list.filter(
    r =>
      bare(r.address) === bare(wanted.address) &&
      r.namespace.trim() === wanted.namespace
  )
}

function alreadyThere(
  { inputs, log }: Deps,
  state: OperationState,
  same: Registry
): OperationOutcome {
  const wanted = inputs.registry
  state.data = fromListed(same, false)
  log.info(
    `Image registry ${nameOf(same)} already exists (id ${untrusted(same.registry_id)}): nothing was sent, its settings and credentials were left as they are`
  )
  const differs: string[] = []
  if ((same.provider ?? '') !== wanted.provider)
    differs.push(`provider ${untrusted(same.provider ?? '')}`)
  if ((same.is_default ?? false) !== wanted.isDefault)
    differs.push(same.is_default ? 'is the default' : 'is not the default')
  if (differs.length > 0)
    log.warning(
      `create-registry: the existing registry ${nameOf(same)} differs from the registry input (${differs.join(', ')}); change it in ZadigX (System settings → Registries) if needed`
    )
  return { result: 'success' }
}

// A plain 500 can come after the registry was stored (the build daemons' update
// fails, #create-registry), so any 5xx is looked up, as a lost answer is.
function mayHaveCreated(err: unknown): boolean {
  return (
    isLostAnswer(err) || (err instanceof ZadigApiError && err.status >= 500)
  )
}

// aslan's own refusal is an empty 403; a 403 with a body (licence, MFA) says more.
function notAdmin(err: ZadigApiError): Error {
  const more =
    err.code !== undefined || err.description ? ` (${errorMessage(err)})` : ''
  return new Error(
    `create-registry: ZadigX refused to add the registry (HTTP 403): only a system admin may add one. Use the API token of a system-admin user.${more} ZadigX writes the request, keys included, to its operation log before this check.`
  )
}

// The registry of that address and namespace that was not listed before the create.
async function findNew(
  { client }: Deps,
  before: Registry[],
  wanted: RegistryInput
): Promise<Registry | undefined> {
  const known = new Set(before.map(r => r.registry_id))
  const list = await client.system.registries()
  return matching(list, wanted).find(r => !known.has(r.registry_id))
}

async function lookAfterLoss(
  deps: Deps,
  state: OperationState,
  before: Registry[],
  lost: unknown
): Promise<OperationOutcome> {
  const { inputs, log } = deps
  const wanted = inputs.registry
  const name = nameOf(wanted)
  let found: Registry | undefined
  try {
    found = await findNew(deps, before, wanted)
  } catch (err) {
    throw new Error(
      `create-registry: the answer to the create request was lost (${errorMessage(lost)}) and the registry list could not be read (${errorMessage(err)}); registry ${name} may exist. Check System settings → Registries before running this step again.`,
      { cause: err }
    )
  }
  if (found) {
    state.data = fromListed(found, true)
    log.warning(
      `create-registry: ZadigX answered ${describeLoss(lost)}, but registry ${name} is listed (id ${untrusted(found.registry_id)}): it was created. The request was not sent again.`
    )
    return { result: 'success' }
  }
  throw new Error(refusal(lost, name))
}

function describeLoss(err: unknown): string {
  if (err instanceof ZadigApiError && err.status > 0)
    return `HTTP ${err.status}${err.description ? ` (${untrusted(err.description)})` : ''}`
  return 'nothing (the answer was lost)'
}

// ZadigX's own plain 500 before the insert (a failed check) means nothing was stored.
function refusal(lost: unknown, name: string): string {
  const own =
    lost instanceof ZadigApiError &&
    lost.status === 500 &&
    lost.code === 500 &&
    !!lost.description
  if (own) {
    const hint = /at least 1 default registry/.test(lost.description ?? '')
      ? ' ZadigX up to v3.0 wants the first registry to be the default: set is-default: true in registry.'
      : ''
    return `create-registry: ZadigX refused registry ${name}: ${untrusted(lost.description)}; it is not listed, so nothing was created.${hint}`
  }
  return `create-registry: the answer to the create request was lost (${errorMessage(lost)}) and registry ${name} is not listed: it was not created, or is not listed yet. It was not sent again; check System settings → Registries before running this step again.`
}

function fromInput(r: RegistryInput, created: boolean): CreatedRegistry {
  return {
    address: r.address,
    namespace: r.namespace,
    provider: r.provider,
    is_default: r.isDefault,
    created
  }
}

function fromListed(r: Registry, created: boolean): CreatedRegistry {
  return {
    id: r.registry_id,
    address: r.address,
    namespace: r.namespace,
    provider: r.provider ?? '',
    is_default: r.is_default ?? false,
    created
  }
}
