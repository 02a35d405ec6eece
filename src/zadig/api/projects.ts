// Projects: create one empty, or with its services and environments, and read one
// back (docs/zadigx-api.md#projects). Creating is a system admin's call on v2.2+.
import type { ZadigHttp } from '../http.js'

/** The project kinds the create route takes (#projects). */
export type ProjectType = 'yaml' | 'helm' | 'loaded' | 'vm'

/** #projects: the detail route's answer. */
export interface ProjectDetail {
  project_name?: string
  project_key?: string
  is_public?: boolean
  desc?: string
  deploy_type?: string
  create_time?: number
  created_by?: string
}

/** The fields every create body has. */
export interface ProjectBasics {
  project_name: string
  project_key: string
  is_public: boolean
  description: string
}

/** #projects: one service of an initialised project. */
export interface ProjectServiceDefinition {
  source: 'yaml' | 'template'
  service_name: string
  yaml?: string
  template_name?: string
  variable_yaml?: { key: string; value: string }[]
  auto_sync?: boolean
  values_yaml?: string
}

/**
 * #projects: one environment of an initialised project. The key is sent under
 * both names: `env_name` (v1.18.0) and `env_key` (ee-1.8.0 on); the other is ignored.
 */
export interface ProjectEnvDefinition {
  env_name: string
  env_key: string
  cluster_name: string
  namespace: string
}

/** #projects: the init body. */
export interface InitProjectRequest extends ProjectBasics {
  service_list: ProjectServiceDefinition[]
  env_list: ProjectEnvDefinition[]
}

const ROOT = '/openapi/projects/project'

/** Projects of the ZadigX instance. */
export class ProjectsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #projects: one project; a missing one is a 500 `mongo: no documents`. */
  detail(projectKey: string, signal?: AbortSignal): Promise<ProjectDetail> {
    return this.http.request<ProjectDetail>('GET', `${ROOT}/detail`, {
      query: { projectKey },
      idempotent: true,
      signal
    })
  }

  /** #projects: an empty project (never resent: a lost answer is looked up). */
  async create(body: ProjectBasics & { project_type: ProjectType }) {
    await this.http.request('POST', ROOT, { body, idempotent: false })
  }

  /** #projects: a project with its services; its environments are created after the answer. */
  async initialize(kind: 'yaml' | 'helm', body: InitProjectRequest) {
    await this.http.request('POST', `${ROOT}/init/${kind}`, {
      body,
      idempotent: false
    })
  }
}
