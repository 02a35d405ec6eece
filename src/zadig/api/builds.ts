// Builds of a project: one created from a build template, and read back
// (docs/zadigx-api.md#builds).
import type { ZadigHttp } from '../http.js'

/** #builds: a repository of a target service, as the build template fills it. */
export interface BuildRepoInput {
  codehost_name: string
  repo_namespace: string
  repo_name: string
  branch: string
}

/** #builds: one service (and module) the build builds, with its repos and variables. */
export interface BuildTarget {
  service_name: string
  service_module: string
  repo_info: BuildRepoInput[]
  inputs: { key: string; value: string }[]
}

/** #builds: the create-from-template body. */
export interface CreateBuildRequest {
  name: string
  project_key: string
  template_name: string
  target_services: BuildTarget[]
}

/** #builds: the fields of the detail the action reads. */
export interface BuildDetail {
  name?: string
  project_key?: string
  source?: string
  template_name?: string
  target_services?: { service_name?: string; service_module?: string }[]
  update_by?: string
  update_time?: number
}

/** A project's builds. */
export class BuildsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #builds: one build; a missing one is 6523 with `mongo: no documents in result`. */
  detail(
    projectKey: string,
    name: string,
    signal?: AbortSignal
  ): Promise<BuildDetail> {
    return this.http.request<BuildDetail>(
      'GET',
      `/openapi/build/${encodeURIComponent(name)}/detail`,
      { query: { projectKey }, idempotent: true, signal }
    )
  }

  /** #builds: a build from a template (never resent: a lost answer is looked up). */
  async createFromTemplate(body: CreateBuildRequest): Promise<void> {
    await this.http.request('POST', '/openapi/build', {
      query: { source: 'template' },
      body,
      idempotent: false
    })
  }
}
