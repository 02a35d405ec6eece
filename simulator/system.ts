// System integrations the trigger resolves against: image registries (docs/zadigx-api.md#list-registries)
// and code hosts (docs/zadigx-api.md#list-codehosts).
import { createHash } from 'node:crypto'
import type { OpenAPIRegistry } from './wire.js'

/** A code host as GET /api/aslan/code/codehost lists it (credentials masked). */
export interface SimCodeHost {
  id: number
  alias: string
  type: string
  address: string
  namespace: string
}

/** Id of the default registry; build jobs in the catalog point at it. */
export const DEFAULT_REGISTRY_ID = '64b8d2f0c1a2b3c4d5e6f701'

/** The registries known to the simulated system. */
export function defaultRegistries(): OpenAPIRegistry[] {
  return [
    {
      registry_id: DEFAULT_REGISTRY_ID,
      address: 'https://harbor.example.com',
      provider: 'harbor',
      region: '',
      namespace: 'library',
      is_default: true
    }
  ]
}

/** GitLab (id 1, the catalog's repos) and GitHub (id 2). */
export function defaultCodeHosts(): SimCodeHost[] {
  return [
    {
      id: 1,
      alias: 'gitlab-main',
      type: 'gitlab',
      address: 'https://gitlab.example.com',
      namespace: 'demo-group'
    },
    {
      id: 2,
      alias: 'github',
      type: 'github',
      address: 'https://github.com',
      namespace: 'acme'
    }
  ]
}

/** One element of the code-host list, with the masked fields the UI API returns. */
export function codeHostView(host: SimCodeHost): Record<string, unknown> {
  return {
    id: host.id,
    address: host.address,
    type: host.type,
    access_token: '********',
    namespace: host.namespace,
    region: '',
    application_id: '',
    client_secret: '********',
    alias: host.alias,
    enable_proxy: false,
    updated_at: 1686192000,
    auth_type: '',
    is_ready: '2'
  }
}

/** The commit a simulated build checks out for `namespace/name@branch` (a stable SHA-1). */
export function simulatedCommit(
  namespace: string,
  name: string,
  branch: string
): string {
  return createHash('sha1')
    .update(`${namespace}/${name}@${branch}`)
    .digest('hex')
}
