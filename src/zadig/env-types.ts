// Wire types of the environment routes (snake_case JSON, as docs/zadigx-api.md
// describes them in #env-detail, #env-service-detail and the write sections).

/** One environment of #env-list. */
export interface EnvBrief {
  env_key: string
  /** The alias (camelCase in this list, production environments only). */
  envName?: string
  cluster_id?: string
  namespace?: string
  production?: boolean
  status?: string
  update_by?: string
  update_time?: number
}

/** A container of a service in #env-detail: the image Zadig recorded. */
export interface EnvContainer {
  name: string
  image: string
  image_name?: string
}

/** A global variable of an environment (#env-variables). */
export interface EnvVariable {
  key: string
  value: string
  type?: string
  options?: string[]
  desc?: string
  related_services?: string[]
}

/** One service of #env-detail; `status` is computed from its pods on every read. */
export interface EnvService {
  service_name: string
  type?: string
  status?: string
  containers?: EnvContainer[] | null
}

/** #env-detail. */
export interface EnvDetail {
  project_key: string
  env_key: string
  env_name?: string
  cluster_id?: string
  namespace?: string
  registry_id?: string
  status?: string
  update_by?: string
  update_time?: number
  global_variables?: EnvVariable[] | null
  services?: EnvService[] | null
}

/** A container of a live pod (#env-service-detail). */
export interface PodContainer {
  name: string
  image: string
  ready?: boolean
  restart_count?: number
  /** `running`, `waiting` or `terminated`. */
  status?: string
  reason?: string
  message?: string
}

/** A live pod (#env-service-detail). */
export interface LivePod {
  name: string
  /** The Kubernetes phase. */
  status?: string
  pod_ready?: boolean
  containers_ready?: boolean
  containers_message?: string
  containers?: PodContainer[] | null
}

/** A workload of a service with its pods (#env-service-detail). */
export interface LiveWorkload {
  name: string
  type: string
  replicas?: number
  images?: { name: string; image: string }[] | null
  pods?: LivePod[] | null
}

/** #env-service-detail (Zadig v2.2+): the live workloads of one service. */
export interface LiveService {
  service_name: string
  scales?: LiveWorkload[] | null
  ingress?: { host_info?: { host?: string }[] | null }[] | null
}

/** A variable of a service in an #env-update-services request. */
export interface ServiceVariableValue {
  key: string
  value: unknown
}

/** One service of an #env-update-services request. */
export interface ServiceUpdate {
  service_name: string
  variable_kvs: ServiceVariableValue[]
}

/** The body of #env-set-image. */
export interface SetImageRequest {
  product_name: string
  env_name: string
  service_name: string
  name: string
  container_name: string
  image: string
}

/** The body of #env-scale. */
export interface ScaleRequest {
  project_key: string
  env_key: string
  service_name: string
  workload_name: string
  workload_type: string
  target_replicas: number
}

/** A service template in #service-templates' list. */
export interface ServiceTemplateBrief {
  service_name: string
  source?: string
  type?: string
  containers?: { name: string; image: string; image_name?: string }[] | null
}

/** One service template (#service-templates). */
export interface ServiceTemplate extends ServiceTemplateBrief {
  template_name?: string
  created_by?: string
  created_time?: number
  yaml?: string
  service_variable_kvs?: { key: string; value: unknown }[] | null
}

/** The body of #env-create. */
export interface CreateEnvRequest {
  env_key: string
  cluster_id: string
  namespace: string
  registry_id: string
  services: {
    service_name: string
    containers: { name: string; image: string }[]
    variable_kvs: { key: string; value: string; use_global_variable: boolean }[]
  }[]
  global_variables: { key: string; value: string }[]
  /** Zadig v4.2+: a sub-environment of a share-env base (older servers ignore it). */
  sub_env?: { enable: boolean; base_env: string }
}

/** #env-share-ready: whether an environment is ready for a share-env switch. */
export interface ShareEnvReady {
  is_ready?: unknown
  checks?: Record<string, unknown>
}
