// A custom workflow's definition from the UI API (`GET /api/aslan/workflow/v4/name/:name`),
// which answers YAML, turned into the shape of the OpenAPI detail. The action reads it
// where the OpenAPI detail crashes: ZadigX v1.7 .. Zadig v3.0 answer an empty HTTP 500
// for a workflow with a stage stored without `approval` (docs/zadigx-api.md#workflow-detail,
// #ui-workflow-detail).
import { isMapping, loadYaml, parseStructured } from '../structured.js'
import type { WorkflowDetail, WorkflowJob, WorkflowStage } from './types.js'

/** The definition YAML as the OpenAPI detail; throws when it is not a workflow. */
export async function detailFromDefinition(
  text: string,
  projectKey: string
): Promise<WorkflowDetail> {
  await loadYaml()
  const data = parseStructured(text)
  if (!isMapping(data) || typeof data.name !== 'string')
    throw new Error('the answer is not a workflow definition (no name)')
  const stages = Array.isArray(data.stages) ? data.stages : []
  return {
    workflow_key: data.name,
    workflow_name:
      typeof data.display_name === 'string' ? data.display_name : data.name,
    project_key: typeof data.project === 'string' ? data.project : projectKey,
    params: Array.isArray(data.params)
      ? (data.params as WorkflowDetail['params'])
      : [],
    stages: stages.filter(isMapping).map(stageOf)
  }
}

function stageOf(stage: Record<string, unknown>): WorkflowStage {
  const jobs = Array.isArray(stage.jobs) ? stage.jobs : []
  return {
    name: String(stage.name ?? ''),
    parallel: stage.parallel === true,
    approval: isMapping(stage.approval)
      ? (stage.approval as unknown as WorkflowStage['approval'])
      : null,
    jobs: jobs.filter(isMapping).map(jobOf)
  }
}

function jobOf(job: Record<string, unknown>): WorkflowJob {
  return {
    name: String(job.name ?? ''),
    type: String(job.type ?? ''),
    skipped: job.skipped === true,
    spec: isMapping(job.spec) ? job.spec : {},
    ...(typeof job.run_policy === 'string'
      ? { run_policy: job.run_policy }
      : {})
  }
}
