// Service templates of a project, test or production (docs/zadigx-api.md#service-templates).
// A template change does not redeploy anything; update-env-services does.
import type { ZadigHttp } from '../http.js'
import type { ServiceTemplate, ServiceTemplateBrief } from '../env-types.js'

const seg = encodeURIComponent

function root(production: boolean): string {
  return production
    ? '/openapi/service/yaml/production'
    : '/openapi/service/yaml'
}

/** A project's service templates. */
export class ServicesApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #service-templates: the project's services, a bare array. */
  async list(
    projectKey: string,
    production: boolean
  ): Promise<ServiceTemplateBrief[]> {
    const res = await this.http.request<ServiceTemplateBrief[]>(
      'GET',
      `${root(production)}/services`,
      { query: { projectKey }, idempotent: true }
    )
    return Array.isArray(res) ? res : []
  }

  /** #service-templates: one service with its YAML and variables. */
  get(
    projectKey: string,
    serviceName: string,
    production: boolean
  ): Promise<ServiceTemplate> {
    return this.http.request<ServiceTemplate>(
      'GET',
      `${root(production)}/${seg(serviceName)}`,
      { query: { projectKey }, idempotent: true }
    )
  }

  /** #service-write: a new k8s YAML template; an existing name is refused by the server. */
  async create(
    projectKey: string,
    serviceName: string,
    yaml: string,
    production: boolean
  ): Promise<void> {
    await this.http.request('POST', `${root(production)}/raw`, {
      query: { projectKey },
      body: { service_name: serviceName, yaml, production },
      idempotent: false
    })
  }

  /** #service-write: replaces an existing template's YAML (its variables are kept). */
  async update(
    projectKey: string,
    serviceName: string,
    yaml: string,
    production: boolean
  ): Promise<void> {
    await this.http.request('PUT', `${root(production)}/${seg(serviceName)}`, {
      query: { projectKey },
      body: { type: 'k8s', yaml },
      idempotent: false
    })
  }

  /** #service-templates: deletes a service template (and, by the server's default, its use in environments). */
  async delete(
    projectKey: string,
    serviceName: string,
    production: boolean
  ): Promise<void> {
    await this.http.request(
      'DELETE',
      `${root(production)}/${seg(serviceName)}`,
      {
        query: { projectKey },
        idempotent: false
      }
    )
  }
}
