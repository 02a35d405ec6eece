// Links into the ZadigX UI, as ZadigX builds them in its own notifications.
// `display_name` only sets the page title.

const seg = encodeURIComponent

function base(baseUrl: string, projectKey: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/projects/detail/${seg(projectKey)}/pipelines`
}

function withTitle(url: string, displayName?: string): string {
  return displayName ? `${url}?display_name=${seg(displayName)}` : url
}

/** What a task page is made from. */
type TaskPageArgs = [
  baseUrl: string,
  projectKey: string,
  workflowKey: string,
  taskId: number,
  displayName?: string
]

/** UI page of one task of a `custom` or `multi` (product) workflow. */
function taskPage(
  kind: 'custom' | 'multi',
  ...[baseUrl, projectKey, workflowKey, taskId, displayName]: TaskPageArgs
): string {
  const url = `${base(baseUrl, projectKey)}/${kind}/${seg(workflowKey)}/${seg(String(taskId))}`
  return withTitle(url, displayName)
}

/** UI page of one custom-workflow task. */
export function taskUrl(...args: TaskPageArgs): string {
  return taskPage('custom', ...args)
}

/** UI page of one product ("multi") workflow task. */
export function productTaskUrl(...args: TaskPageArgs): string {
  return taskPage('multi', ...args)
}

/** UI page of a custom workflow (its task history). */
export function workflowUrl(
  baseUrl: string,
  projectKey: string,
  workflowKey: string,
  displayName?: string
): string {
  const url = `${base(baseUrl, projectKey)}/custom/${seg(workflowKey)}`
  return withTitle(url, displayName)
}

/** UI page of an environment (docs/zadigx-api.md#env-detail: as ZadigX's own inspection notices link it). */
export function envUrl(
  baseUrl: string,
  projectKey: string,
  envKey: string
): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/projects/detail/${seg(projectKey)}/envs/detail?envName=${seg(envKey)}`
}

/** UI page of one test task, as ZadigX links it in its notifications (docs/zadigx-api.md#test-tasks). */
export function testTaskUrl(
  baseUrl: string,
  projectKey: string,
  testName: string,
  taskId: number
): string {
  const root = `${baseUrl.replace(/\/+$/, '')}/v1/projects/detail/${seg(projectKey)}`
  return `${root}/test/detail/function/${seg(testName)}/${seg(String(taskId))}`
}

/**
 * UI page of one scan task, as ZadigX links it in its notifications but without the
 * `?id=<scan id>` they add: the OpenAPI never gives that id (docs/zadigx-api.md#scan-tasks).
 */
export function scanTaskUrl(
  baseUrl: string,
  projectKey: string,
  scanName: string,
  taskId: number
): string {
  const root = `${baseUrl.replace(/\/+$/, '')}/v1/projects/detail/${seg(projectKey)}`
  return `${root}/scanner/detail/${seg(scanName)}/task/${seg(String(taskId))}`
}
