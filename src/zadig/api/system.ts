// System-level reads: image registries, code hosts, and the server's generation from
// route probes (docs/zadigx-api.md#server-version).
import type { ZadigHttp } from '../http.js'
import {
  detectGeneration,
  routeAnswered,
  type ServerGeneration
} from '../server-version.js'
import type { CodeHost, Registry } from '../types.js'

/** What the server is and what it has configured system-wide. */
export class SystemApi {
  #generation: Promise<ServerGeneration> | undefined

  constructor(private readonly http: ZadigHttp) {}

  /** #list-registries: image registries; trigger `registry` is `address + "/" + namespace`. */
  async registries(): Promise<Registry[]> {
    const path = '/openapi/system/registry'
    return (
      (await this.http.request<Registry[]>('GET', path, {
        idempotent: true
      })) ?? []
    )
  }

  /** #list-codehosts: code hosts (UI API), to map `codehost_id` to the alias inputs need. */
  async codeHosts(): Promise<CodeHost[]> {
    const path = '/api/aslan/code/codehost'
    return (
      (await this.http.request<CodeHost[]>('GET', path, {
        idempotent: true
      })) ?? []
    )
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
}
