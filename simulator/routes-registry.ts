// GET and POST /openapi/system/registry (docs/zadigx-api.md#list-registries,
// #create-registry): the list every caller may read, and the system-admin create
// with its checks, the default's demotion and no uniqueness.
import { createHash } from 'node:crypto'
import type { FieldKind } from './bind.js'
import { decodeStruct } from './bind.js'
import { emptyError, plainError } from './errors.js'
import type { Route } from './http.js'
import type { Profile } from './profiles.js'
import { ok, success } from './response.js'
import type { OpenAPIRegistry } from './wire.js'

type Handler = Route['handler']

/** What the registry routes read and change. */
export interface RegistryContext {
  profile: Profile
  registries: OpenAPIRegistry[]
}

const FIELDS: Record<string, FieldKind> = {
  address: 'string',
  provider: 'string',
  namespace: 'string',
  is_default: 'bool',
  access_key: 'string',
  secret_key: 'string',
  enable_tls: 'bool',
  region: 'string',
  tls_cert: 'string'
}

const PROVIDERS = ['acr', 'swr', 'tcr', 'harbor', 'dockerhub', 'ecr', 'native']

// Go's url.ParseRequestURI: an absolute URI (scheme ":" …) or an absolute path.
function parsesAsRequestUri(text: string): boolean {
  return text.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(text)
}

/** OpenAPICreateRegistryReq.Validate: its text, or undefined when valid. */
function invalid(v: Record<string, unknown>): string | undefined {
  const address = String(v.address ?? '')
  const provider = String(v.provider ?? '')
  if (address === '') return 'address cannot be empty'
  if (!PROVIDERS.includes(provider)) return 'unsupported registry provider'
  if (String(v.namespace ?? '') === '' && provider !== 'ecr')
    return 'namespace cannot be empty'
  if (provider === 'ecr' && String(v.region ?? '') === '')
    return 'region is a required field for ECR provider'
  if (!parsesAsRequestUri(address)) return 'address needs to be a valid URL'
  return undefined
}

function newId(ctx: RegistryContext, v: Record<string, unknown>): string {
  return createHash('sha1')
    .update(
      `${ctx.registries.length}/${String(v.address)}/${String(v.namespace)}`
    )
    .digest('hex')
    .slice(0, 24)
}

function createRegistry(ctx: RegistryContext): Handler {
  return req => {
    // The body goes to the operation log first (not modelled), then the admin check.
    if (!req.user?.systemAdmin) return emptyError(403)
    const decoded = decodeStruct(
      req.rawBody,
      FIELDS,
      'service.OpenAPICreateRegistryReq'
    )
    // c.BindJSON aborts with a bare 400 (docs/zadigx-api.md#error-shapes c).
    if (!decoded.ok) return emptyError(400)
    const v = decoded.value
    const problem = invalid(v)
    if (problem) return plainError(problem)
    const isDefault = v.is_default === true
    const hasDefault = ctx.registries.some(r => r.is_default)
    if (!isDefault && !hasDefault && ctx.profile.registryNeedsDefault)
      return plainError(
        'RegistryNamespace.Create error: There must be at least 1 default registry'
      )
    if (isDefault) for (const r of ctx.registries) r.is_default = false
    ctx.registries.push({
      registry_id: newId(ctx, v),
      address: String(v.address),
      provider: String(v.provider),
      region: String(v.region ?? ''),
      namespace: String(v.namespace ?? '').trim(),
      is_default: isDefault
    })
    return success()
  }
}

/** The list (credentials are never listed) and the create. */
export function registryRoutes(ctx: RegistryContext): Route[] {
  const path = '/openapi/system/registry'
  return [
    { method: 'GET', pattern: path, handler: () => ok(ctx.registries) },
    { method: 'POST', pattern: path, handler: createRegistry(ctx) }
  ]
}
