// Server versions the simulator can be, one profile per behaviour change a client
// depends on. Each switch cites where the server changed:
// koderover/zadig@<tag>:<path>:<line>. The rest of the simulator reads switches from
// a profile and never compares version names.

/** The profiles, oldest first. */
export const PROFILE_NAMES = [
  'v1.18',
  'v2.0',
  'v2.2',
  'v3.0',
  'v3.1',
  'v3.3',
  'v3.4.0',
  'v3.4.1',
  'v4.0',
  'v4.1',
  'v5.0'
] as const

/** A profile name. */
export type ProfileName = (typeof PROFILE_NAMES)[number]

/** Old names kept for existing callers: ZadigX v1.7 (= v1.18) and "current" (= v5.0). */
export const PROFILE_ALIASES = { 'v1.7': 'v1.18', current: 'v5.0' } as const

/** A profile name or an alias. */
export type ServerVersion = ProfileName | keyof typeof PROFILE_ALIASES

/** Every behaviour switch. */
export interface Profile {
  name: ProfileName
  /** The Zadig tag it models (v4.1 also stands for v4.2 and v4.3). */
  tag: string
  stageApproval: boolean
  jobTaskKeys: boolean
  taskRemark: boolean
  costSecondsAlways: boolean
  detailPanicsWithoutApproval: boolean
  triggerDecoder: 'bind' | 'unmarshal'
  workflowParameters: boolean
  unlistedJobs: 'drop' | 'skip'
  listedDefaultNotRunRuns: boolean
  jobTypes: string[]
  /** Job types whose log the log routes give (docs/zadigx-api.md#job-log-stream). */
  loggedJobTypes: string[]
  commitPinning: boolean
  wrapsJobspecError: boolean
  deployReplacesServices: boolean
  buildSelection: 'stored' | 'emptied' | 'options'
  presetEmptiesTargets: boolean
  executePolicy: boolean
  cancelFrom: 'body' | 'query'
  lowerCaseTaskList: boolean
  productOpenApi: boolean
  legacyTaskRoutes: boolean
  openApiWorkflowCrud: boolean
  createReadsViewName: boolean
  openApiPermissions: boolean
  authHeader: 'bearer-prefix' | 'two-parts'
  aslanQueryToken: boolean
  approveVerb: 'approve' | 'Approve'
  notWaitingText: 'do-not-need' | 'not-found'
  probes: {
    manualExec: boolean
    globalList: boolean
    cliContext: boolean
    /** GET /api/aslan/system/server/url (Zadig v4.2+: the action's sub_env probe). */
    serverUrl: boolean
  }
  /** The delivery-centre OpenAPI: none, v3.x (read by id), v4.0+ (by name, create). */
  deliveryOpenApi: 'none' | 'by-id' | 'by-name'
  /** What a test task is stored as: a pipeline task (to v2.1), a workflow task (v2.2+). */
  testTasks: 'pipeline' | 'workflow'
  /** The rows of GET /openapi/statistics/deploy: per day (to v3.0), per week and kind (v3.1+). */
  deployStatRows: 'daily' | 'weekly'
  storedWorkflowKeys: string[]
  /**
   * POST /openapi/system/registry refuses is_default: false while no default is stored
   * (…/system/service/registry.go, v1.18.0:102-108, v3.0.0:118-123; gone at v3.1.0).
   */
  registryNeedsDefault: boolean
  /** The environment switches (simulator/environments.ts). */
  env: EnvSwitches
}

/** How the environment routes differ by version (docs/zadigx-api.md#env-routes). */
export interface EnvSwitches {
  /** Environment and service statuses lower-cased. */
  lowerCaseStatus: boolean
  /** The image routes and the live service view. */
  liveRoutes: boolean
  /** Which query the live service view reads the project from. */
  serviceViewQuery: 'projectName' | 'projectKey'
  /** PUT …/variable replaces the list (else it merges into it). */
  variablesReplace: boolean
  /** Scale answers its errors (else it logs them and answers success). */
  scaleReportsErrors: boolean
  /** GET /openapi/environments/:name/check/sharenv/:op/ready (routes-share-env.ts). */
  shareEnvReady: boolean
  /** The create reads `sub_env` (else the JSON decoding drops it). */
  subEnv: boolean
}

// Top-level yaml keys of models.WorkflowV4, in field order
// (…/common/repository/models/workflow_v4.go, v1.18.0:38-70).
const V118_WORKFLOW_KEYS = [
  'name',
  'display_name',
  'category',
  'key_vals',
  'params',
  'stages',
  'project',
  'description',
  'created_by',
  'create_time',
  'updated_by',
  'update_time',
  'notify_ctls',
  'share_storages',
  'hash',
  'concurrency_limit'
]

function keysWith(
  keys: string[],
  after: string,
  added: string[],
  removed: string[] = []
): string[] {
  const i = keys.indexOf(after) + 1
  const out = [...keys.slice(0, i), ...added, ...keys.slice(i)]
  return out.filter(k => !removed.includes(k))
}

// Job types with an input updater at v1.18 (…/service/workflow/openapi.go, v1.18.0:356-411).
const V118_TYPES = [
  'plugin',
  'freestyle',
  'zadig-build',
  'zadig-deploy',
  'k8s-blue-green-deploy',
  'k8s-canary-deploy',
  'custom-deploy',
  'k8s-blue-green-release',
  'k8s-canary-release',
  'zadig-test',
  'k8s-gray-release',
  'k8s-gray-rollback',
  'k8s-resource-patch',
  'zadig-scanning'
]

const V118: Profile = {
  name: 'v1.18',
  tag: 'v1.18.0',
  // Stage `approval` in task and detail, status `waitforapprove`
  // (…/service/workflow/workflow_task_v4.go, v3.0.0:91; config/consts.go, v3.0.0:119).
  stageApproval: true,
  // GenJobName `job-<stage>-<job>-<sub>-<name>` and key/display_name/origin_name
  // (…/workflow/job/utils.go, v3.3.0:206; …/workflow_task_v4.go, v3.3.0:107-114).
  jobTaskKeys: false,
  // Task `remark` (…/workflow_task_v4.go, v3.1.0:77).
  taskRemark: false,
  // Job `cost_seconds` omitempty (…/workflow_task_v4.go, v1.18.0:108); always written
  // from v2.0.0:111 (ee-1.8.0:111).
  costSecondsAlways: false,
  // `st.Approval.Enabled` without a nil check (…/service/workflow/openapi.go, v1.18.0:447,
  // same at v3.0.0:447; gone at v3.1.0): a stage stored without `approval` panics.
  detailPanicsWithoutApproval: true,
  registryNeedsDefault: true,
  // ShouldBindJSON on an empty body says "EOF" (…/handler/openapi.go, v1.18.0:35);
  // json.Unmarshal from v2.2.0:33 (same at v3.0.0:33).
  triggerDecoder: 'bind',
  // `parameters` (…/service/workflow/types.go, v3.1.0:57).
  workflowParameters: false,
  // Unlisted jobs dropped (…/service/workflow/openapi.go, v1.18.0:68-86); marked skipped
  // from v3.4.1:122, and a skipped force_run job fails the trigger
  // (…/workflow/controller/workflow.go, v3.4.0:153).
  unlistedJobs: 'drop',
  // SetPreset skips default_not_run jobs even when listed
  // (…/workflow/controller/workflow.go, v3.4.0:52); cleared at …/openapi.go, v4.1.0:121.
  listedDefaultNotRunRuns: false,
  jobTypes: V118_TYPES,
  // Container logs (…/core/log/service/sse.go, v1.18.0:270-297).
  loggedJobTypes: [
    'zadig-build',
    'freestyle',
    'zadig-testing',
    'zadig-scanning',
    'zadig-distribute-image',
    'build',
    'plugin'
  ],
  // enable_commit/commit_id copied (…/service/workflow/types.go, v4.1.0:411-412).
  commitPinning: false,
  // "failed to update jobspec" (…/openapi.go, v1.18.0:80); wrapped with the job and
  // cause from v3.4.0:122.
  wrapsJobspecError: false,
  // The zadig-deploy updater sets images of the stored services (…/types.go,
  // v1.18.0:274-293); from v2.3.0:274-300 (here: the v3.0 profile, v3.0.0:281) it
  // rebuilds them from the listed ones.
  deployReplacesServices: false,
  // Builds kept = stored builds matching service_list (…/types.go, v1.18.0:190-261);
  // v3.4.0 iterates service_and_builds that SetPreset has just emptied (v3.4.0:276,315;
  // controller/job/job_build.go:306-307), so nothing is built; v3.4.1+ iterates
  // service_and_builds_options (v3.4.1:389-429; source-audit S12).
  buildSelection: 'stored',
  // SetPreset empties canary and gray-release targets from v3.4.0
  // (…/workflow/controller/workflow.go, v3.4.0:71-80).
  presetEmptiesTargets: false,
  // Jobs skipped at run time by their execute policy
  // (…/workflowcontroller/jobcontroller/job.go, v4.1.0:182; v5.0.0:252-258).
  executePolicy: false,
  // Cancel binds the JSON body (…/handler/openapi.go, v3.3.0:233); the query from v3.4.0:233.
  cancelFrom: 'body',
  // Task list status lower-cased (…/service/workflow/openapi.go, v2.0.0:776).
  lowerCaseTaskList: false,
  // /openapi/workflows/product (…/handler/router.go, v3.4.0:281); gone at v3.4.1.
  productOpenApi: true,
  // aslan's /api/workflow/workflowtask/id/:id/pipelines/:name (cancel, restart) that the
  // directory API calls (…/handler/router.go, v1.18.0:130-131); gone at v3.4.1.
  legacyTaskRoutes: true,
  // POST /openapi/workflows/custom, PUT …/:name (…/handler/router.go, v5.0.0:192,198).
  openApiWorkflowCrud: false,
  // CreateWorkflowV4 reads ?viewName= (…/handler/workflow_v4.go, v2.0.0:114).
  createReadsViewName: false,
  // OpenAPI trigger, views, delete and product trigger check project permissions
  // (…/handler/openapi.go, v2.2.0:21-57,84-96,143-155,193-205,307-317; same in
  // v3.0.0:40-55,85-94,290-320); v1.18-v2.1 do not.
  openApiPermissions: false,
  // OPA: the header needs "Bearer " and wins over ?token=
  // (policy/…/rego/authz.rego, v1.18.0:57-72); user ext-authz from v2.0: any two-part
  // header, query token wins (user/server/grpc/server.go, v2.0.0:56-92).
  authHeader: 'bearer-prefix',
  // aslan itself reads the caller from the header only, else "system"; from v3.1 it
  // falls back to ?token= (pkg/shared/handler/base.go, v1.18.0:76-85, v3.1.0:85).
  aslanQueryToken: false,
  // "has no authority to approve" (…/workflowcontroller/stage.go, v1.18.0:669);
  // "Approve" (common/service/approval/approval.go, v2.0.0:102).
  approveVerb: 'approve',
  // "… stage … do not need approve" (…/workflowcontroller/stage.go, v2.0.0:86);
  // "not found approval" (…/approval/approval.go, v2.2.0:83).
  notWaitingText: 'do-not-need',
  // Version probes (docs/zadigx-api.md#server-version): manualexec (…/handler/router.go,
  // v3.1.0:236), workflow/v4/global (v4.1.0:71), /openapi/system/cli/context
  // (system/handler/router.go, v5.0.0:618-620).
  // GET /api/system/server/url (system/handler/router.go, v4.2.0:266).
  probes: {
    manualExec: false,
    globalList: false,
    cliContext: false,
    serverUrl: false
  },
  env: {
    // Statuses as stored ("Running", "success"); ToLower from ee-1.8.0
    // (…/environment/service/openapi.go, ee-1.8.0:54,104; here the v2.0 profile).
    lowerCaseStatus: false,
    // Image routes and GET /:name/services/:serviceName in the OpenAPI
    // (…/environment/handler/router.go, v2.2.0:345-347,373).
    liveRoutes: false,
    // OpenAPIGetService reads c.Query("projectName") (…/handler/service.go,
    // v2.2.0:804, same at v3.1.0); "projectKey" from v3.2.0 (here the v3.3 profile).
    serviceViewQuery: 'projectName',
    // OpenAPIUpdateGlobalVariables appends the stored keys not sent
    // (…/environment/service/openapi.go, v1.18.0:379-416, v3.0.0:370-410);
    // UpdateProductGlobalVariables replaces from v3.1.0 (…/handler/openapi.go:1020-1058).
    variablesReplace: false,
    // Scale logs the workload errors and returns nil (…/service/service.go,
    // v1.18.0:72-99); v5.0.0 returns them (…/service/service_scale.go:30-68).
    scaleReportsErrors: false,
    // OpenAPICheckShareEnvReady (…/environment/handler/router.go, v2.2.0:379;
    // handler/openapi.go, v2.2.0:1465-1516).
    shareEnvReady: false,
    // OpenAPICreateEnvArgs.SubEnv (…/environment/service/types.go, v4.2.0:449-462;
    // absent at v4.1.0; the v4.1 profile models v4.1.0).
    subEnv: false
  },
  // What GET /api/aslan/workflow/v4/name/:name (FindWorkflowV4, c.YAML) lists
  // (models/workflow_v4.go per tag): `disabled` from v3.1.0:45, `key_vals` gone at
  // v3.2.1 and `enable_approval_ticket` from v3.3.0:72 (both in the v3.3 profile),
  // `approval_ticket_id` from v3.4.0:74, `remark_required` at v5.0.0:65.
  // Delivery OpenAPI router mounted at /openapi/delivery from v3.0.0
  // (server/rest/router.go, v3.0.0:113; delivery/handler/router.go, v3.0.0:51-60);
  // `releases/detail` replaces `releases/:id` at v4.0.0 (v4.0.0:56-64).
  deliveryOpenApi: 'none',
  // The test-task detail reads a pipeline task `<test>-job` up to v2.1
  // (workflow/testing/service/openapi.go, v1.18.0:142-149) and a workflow task
  // `zadig-testing-<test>` from v2.2.0 (v2.2.0 openapi.go; setting/consts.go:523).
  testTasks: 'pipeline',
  // Statistics OpenAPI at /openapi/statistics in every profile (stat/handler/router.go,
  // v1.18.0:85-94); the deploy route answers weekly rows from v3.1.0 (handler/deploy.go).
  deployStatRows: 'daily',
  storedWorkflowKeys: V118_WORKFLOW_KEYS
}

function next(
  base: Profile,
  name: ProfileName,
  tag: string,
  changes: Partial<Profile>
): Profile {
  return { ...base, ...changes, name, tag }
}

const V20 = next(V118, 'v2.0', 'v2.0.0', {
  costSecondsAlways: true,
  lowerCaseTaskList: true,
  createReadsViewName: true,
  authHeader: 'two-parts',
  approveVerb: 'Approve',
  env: { ...V118.env, lowerCaseStatus: true }
})
const V22 = next(V20, 'v2.2', 'v2.2.0', {
  triggerDecoder: 'unmarshal',
  openApiPermissions: true,
  notWaitingText: 'not-found',
  testTasks: 'workflow',
  env: { ...V20.env, liveRoutes: true, shareEnvReady: true }
})
const V30 = next(V22, 'v3.0', 'v3.0.0', {
  deployReplacesServices: true,
  deliveryOpenApi: 'by-id'
})
const V31 = next(V30, 'v3.1', 'v3.1.0', {
  stageApproval: false,
  registryNeedsDefault: false,
  deployStatRows: 'weekly',
  taskRemark: true,
  detailPanicsWithoutApproval: false,
  workflowParameters: true,
  aslanQueryToken: true,
  probes: { ...V30.probes, manualExec: true },
  storedWorkflowKeys: keysWith(V118_WORKFLOW_KEYS, 'display_name', [
    'disabled'
  ]),
  env: { ...V30.env, variablesReplace: true }
})
const V33 = next(V31, 'v3.3', 'v3.3.0', {
  jobTaskKeys: true,
  storedWorkflowKeys: keysWith(
    V31.storedWorkflowKeys,
    'concurrency_limit',
    ['enable_approval_ticket'],
    ['key_vals']
  ),
  // zadig-vm-deploy (…/openapi.go, v3.3.0:453), with a log (…/log/service/sse.go)
  jobTypes: [...V31.jobTypes, 'zadig-vm-deploy'],
  loggedJobTypes: [...V31.loggedJobTypes, 'zadig-vm-deploy'],
  env: { ...V31.env, serviceViewQuery: 'projectKey' }
})
const V340 = next(V33, 'v3.4.0', 'v3.4.0', {
  cancelFrom: 'query',
  buildSelection: 'emptied',
  presetEmptiesTargets: true,
  storedWorkflowKeys: keysWith(
    V33.storedWorkflowKeys,
    'enable_approval_ticket',
    ['approval_ticket_id']
  ),
  wrapsJobspecError: true,
  // sql (…/openapi.go, v3.4.0:456)
  jobTypes: [...V33.jobTypes, 'sql']
})
const V341 = next(V340, 'v3.4.1', 'v3.4.1', {
  unlistedJobs: 'skip',
  buildSelection: 'options',
  productOpenApi: false,
  legacyTaskRoutes: false
})
// tapd (…/openapi.go, v4.0.0:377)
const V40 = next(V341, 'v4.0', 'v4.0.0', {
  jobTypes: [...V341.jobTypes, 'tapd'],
  deliveryOpenApi: 'by-name'
})
const V41 = next(V40, 'v4.1', 'v4.1.0', {
  listedDefaultNotRunRuns: true,
  commitPinning: true,
  executePolicy: true,
  // approval (…/openapi.go, v4.1.0:375)
  jobTypes: [...V40.jobTypes, 'approval'],
  probes: { ...V40.probes, globalList: true }
})
const V50 = next(V41, 'v5.0', 'v5.0.0', {
  openApiWorkflowCrud: true,
  // ai-release-specialist (…/openapi.go, v5.0.0:402)
  jobTypes: [...V41.jobTypes, 'ai-release-specialist'],
  // Deploy logs (…/log/service/sse.go, v4.2.0:229; the v4.1 profile models v4.1.0).
  loggedJobTypes: [...V41.loggedJobTypes, 'zadig-deploy', 'zadig-helm-deploy'],
  probes: { ...V41.probes, cliContext: true, serverUrl: true },
  storedWorkflowKeys: keysWith(V41.storedWorkflowKeys, 'notify_ctls', [
    'remark_required'
  ]),
  env: { ...V41.env, scaleReportsErrors: true, subEnv: true }
})

/** Every profile, oldest first. */
export const PROFILES: readonly Profile[] = [
  V118,
  V20,
  V22,
  V30,
  V31,
  V33,
  V340,
  V341,
  V40,
  V41,
  V50
]

/** The profile of a name or alias; throws on anything else. */
export function profileOf(version: ServerVersion | Profile): Profile {
  if (typeof version === 'object') return version
  const name: string =
    version in PROFILE_ALIASES
      ? PROFILE_ALIASES[version as keyof typeof PROFILE_ALIASES]
      : version
  const found = PROFILES.find(p => p.name === name)
  if (!found) throw new Error(`no simulator profile ${String(version)}`)
  return found
}
