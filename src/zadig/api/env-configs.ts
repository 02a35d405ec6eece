// Environment configs: the ConfigMaps, Secrets, Ingresses and PVCs ZadigX manages in
// an environment (docs/zadigx-api.md#env-configs). Reads, a create, and an update
// that restarts the services using the object.
import type { ZadigHttp } from '../http.js'
import type { EnvAddress } from './environments.js'

/** The `common_env_cfg_type` values (#env-configs). */
export type EnvConfigType = 'ConfigMap' | 'Secret' | 'Ingress' | 'PVC'

/** One config of #env-configs' list. */
export interface EnvConfigBrief {
  name: string
  common_env_cfg_type?: string
}

/** The part of a config's detail the action reads. */
export interface EnvConfigDetail {
  name?: string
  /** The services that use the object (ConfigMap, Secret, PVC). */
  services?: string[]
}

/** What a create or an update sends. */
export interface EnvConfigWrite {
  type: EnvConfigType
  name: string
  yaml: string
}

const seg = encodeURIComponent
const BASE = '/openapi/environments'
// The detail answer has one key per type (#env-configs).
const DETAIL_KEY: Record<EnvConfigType, string> = {
  ConfigMap: 'configMap_detail',
  Secret: 'secret_detail',
  Ingress: 'ingress_detail',
  PVC: 'pvc_detail'
}

function root(production: boolean): string {
  return production ? `${BASE}/production` : BASE
}

/** The configs of an environment and their writes. */
export class EnvConfigsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #env-configs: the configs of one type, a bare array (a missing one is just absent). */
  async list(env: EnvAddress, type: EnvConfigType): Promise<EnvConfigBrief[]> {
    const path = `${root(env.production)}/${seg(env.envKey)}/envcfgs`
    const res = await this.http.request<EnvConfigBrief[]>('GET', path, {
      query: { projectKey: env.projectKey, type },
      idempotent: true
    })
    return Array.isArray(res) ? res : []
  }

  /** #env-configs: one config, from the key of its type in the answer. */
  async detail(
    env: EnvAddress,
    type: EnvConfigType,
    name: string
  ): Promise<EnvConfigDetail> {
    const path = `${root(env.production)}/${seg(env.envKey)}/envcfg/${seg(name)}`
    const res = await this.http.request<Record<string, unknown>>('GET', path, {
      query: { projectKey: env.projectKey, type },
      idempotent: true
    })
    const part = res?.[DETAIL_KEY[type]]
    return typeof part === 'object' && part !== null
      ? (part as EnvConfigDetail)
      : {}
  }

  /** #env-configs: creates the object (never resent: a lost answer is looked up). */
  async create(env: EnvAddress, config: EnvConfigWrite): Promise<void> {
    const path = `${root(env.production)}/${seg(env.envKey)}/envcfgs`
    await this.http.request('POST', path, {
      query: { projectKey: env.projectKey },
      body: bodyOf(env, config),
      idempotent: false
    })
  }

  /** #env-configs: replaces the object and restarts the services that use it. */
  async update(env: EnvAddress, config: EnvConfigWrite): Promise<void> {
    await this.http.request('PUT', `${root(env.production)}/envcfgs`, {
      query: { projectKey: env.projectKey },
      body: bodyOf(env, config),
      idempotent: false
    })
  }
}

function bodyOf(env: EnvAddress, config: EnvConfigWrite) {
  return {
    env_key: env.envKey,
    name: config.name,
    common_env_cfg_type: config.type,
    yaml_data: config.yaml
  }
}
