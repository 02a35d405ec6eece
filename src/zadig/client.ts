// The ZadigX client: small typed resources over the one request funnel (http.ts).
// Paths, casing and quirks: docs/zadigx-api.md (a section per route, cited by id).
import { ZadigHttp, type ClientOptions } from './http.js'
import { EnvironmentsApi } from './api/environments.js'
import { EnvConfigsApi } from './api/env-configs.js'
import { ServicesApi } from './api/services.js'
import { ProjectsApi } from './api/projects.js'
import { BuildsApi } from './api/builds.js'
import { ArtifactsApi } from './api/artifacts.js'
import { DeliveryApi } from './api/delivery.js'
import { QualityApi } from './api/quality.js'
import { LogsApi } from './api/logs.js'
import { ProductWorkflowsApi } from './api/product-workflows.js'
import { StatsApi } from './api/stats.js'
import { SystemApi } from './api/system.js'
import { TasksApi } from './api/tasks.js'
import { ViewsApi } from './api/views.js'
import { WorkflowsApi } from './api/workflows.js'

export type { ClientOptions } from './http.js'

/** Every ZadigX resource the action uses, sharing one `ZadigHttp` funnel. */
export class ZadigClient {
  /** The funnel: URL, auth, timeout, redirects, response mapping, retries. */
  readonly http: ZadigHttp
  /** Custom workflows: list, definition, create, update, delete. */
  readonly workflows: WorkflowsApi
  /** Custom-workflow tasks: list, detail, trigger, cancel, retry, approve. */
  readonly tasks: TasksApi
  /** Workflow views. */
  readonly views: ViewsApi
  /** Product workflows and their tasks (v1.7 .. v3.4.0). */
  readonly productWorkflows: ProductWorkflowsApi
  /** Registries, code hosts and the server's generation. */
  readonly system: SystemApi
  /** Environments: status, services, images, replicas, variables. */
  readonly environments: EnvironmentsApi
  /** An environment's ConfigMaps, Secrets, Ingresses and PVCs. */
  readonly envConfigs: EnvConfigsApi
  /** Service templates of a project. */
  readonly services: ServicesApi
  /** Projects: create (empty or initialised) and detail. */
  readonly projects: ProjectsApi
  /** Builds of a project: create from a template, detail. */
  readonly builds: BuildsApi
  /** The delivery centre's release versions. */
  readonly delivery: DeliveryApi
  /** The delivery centre's artifacts: where an image was built (and deployed). */
  readonly artifacts: ArtifactsApi
  /** Job logs: a running job's stream, an ended job's stored log. */
  readonly logs: LogsApi
  /** Test tasks (the quality OpenAPI). */
  readonly quality: QualityApi
  /** Build, deploy, test and release figures of a project. */
  readonly stats: StatsApi

  constructor(options: ClientOptions) {
    this.http = new ZadigHttp(options)
    this.workflows = new WorkflowsApi(this.http)
    this.tasks = new TasksApi(this.http)
    this.views = new ViewsApi(this.http)
    this.productWorkflows = new ProductWorkflowsApi(this.http)
    this.system = new SystemApi(this.http)
    this.environments = new EnvironmentsApi(this.http)
    this.envConfigs = new EnvConfigsApi(this.http)
    this.services = new ServicesApi(this.http)
    this.projects = new ProjectsApi(this.http)
    this.builds = new BuildsApi(this.http)
    this.delivery = new DeliveryApi(this.http, this.system)
    this.artifacts = new ArtifactsApi(this.http)
    this.logs = new LogsApi(this.http)
    this.quality = new QualityApi(this.http)
    this.stats = new StatsApi(this.http)
  }
}
