// System-level reads: image registries, code hosts, and the server's generation from
// route probes (docs/zadigx-api.md#server-version).
import { decodeCodeHostList, decodeRegistryList } from '../decode-workflow.js'
import type { AnswerReader, ZadigHttp } from '../http.js'
import {
  detectGeneration,
  isAtLeastV42,
  routeAnswered,
  type ServerGeneration
} from '../server-version.js'
import type { CodeHost, Registry } from '../types.js'

/** The body of POST /openapi/system/registry (docs/zadigx-api.md#create-registry). */
export interface CreateRegistryBody {
  address: string
  provider: string
  namespace: string
  region: string
  is_default: boolean
  access_key: string
  secret_key: string
  enable_tls: boolean
  tls_cert: string
}

/** What the server is and what it has configured system-wide. */
export class SystemApi {
  #generation: Promise<ServerGeneration> | undefined

  constructor(private readonly http: ZadigHttp) {}

  /** #list-registries: image registries; trigger `registry` is `address + "/" + namespace`. */
  registries(): Promise<Registry[]> {
    return this.#list('/openapi/system/registry', {
      what: 'the registry list',
      decode: decodeRegistryList
    })
  }

  /**
   * #create-registry: adds an image registry (system admins only). The answer
   * carries no id; a create is never resent (not idempotent).
   */
  async createRegistry(body: CreateRegistryBody): Promise<void> {
    await this.http.request('POST', '/openapi/system/registry', {
      body,
      idempotent: false
    })
  }

  /** #list-codehosts: code hosts (UI API), to map `codehost_id` to the alias inputs need. */
  codeHosts(): Promise<CodeHost[]> {
    return this.#list('/api/aslan/code/codehost', {
      what: 'the code host list',
      decode: decodeCodeHostList
    })
  }

  // Both answer a bare array, or null for none.
  #list<T>(path: string, reader: AnswerReader<T[]>): Promise<T[]> {
    return this.http.requestDecoded('GET', path, { idempotent: true }, reader)
  }

  /** True when the route exists on this server (docs/zadigx-api.md#server-version). */
  async routeExists(
    path: string,
    query: Record<string, string>
  ): Promise<boolean> {
    try {
      await this.http.request('GET', path, {
        query,
        idempotent: true,
        answer: 'text'
      })
      return true
    } catch (err) {
      return routeAnswered(err)
    }
  }

  /** The server's generation, probed once per client (at most three GETs). */
  generation(
    projectKey: string,
    workflowKey: string
  ): Promise<ServerGeneration> {
    this.#generation ??= detectGeneration(
      (path, query) => this.routeExists(path, query),
      projectKey,
      workflowKey
    )
    return this.#generation
  }

  /** True on Zadig v4.2 or later: the generation, then inside v4.1 one more probe. */
  async isAtLeastV42(
    projectKey: string,
    workflowKey: string
  ): Promise<boolean> {
    return isAtLeastV42(
      await this.generation(projectKey, workflowKey),
      (path, query) => this.routeExists(path, query)
    )
  }
}
