// Custom workflows from their YAML definition (docs/zadigx-api.md#create-workflow, #update-workflow): parsing the
// way yaml.v3 fails, LintWorkflowV4's checks, and the catalog entry it becomes.
import type { Node } from 'yaml'
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { JobScript, SimJob, SimStage, SimWorkflow } from './catalog.js'
import {
  invalidParam,
  NO_DOCUMENTS,
  SimHttpError,
  zadigError
} from './errors.js'
import { objects } from './model.js'

type Obj = Record<string, unknown>

/** What a job of a workflow created from YAML does when it runs. */
export const DEFAULT_YAML_SCRIPT: JobScript = {
  durationSec: 30,
  outcome: 'passed'
}

// v1.18 service/workflow/workflow_v4.go.
const WORKFLOW_KEY = /^[a-z0-9-]+$/
const JOB_NAME = '^[a-z][a-z0-9-]{0,31}$'

function goTag(node: Node): string {
  if (isSeq(node)) return '!!seq'
  if (isMap(node)) return '!!map'
  const value = isScalar(node) ? node.value : undefined
  if (value === null || value === undefined) return '!!null'
  if (typeof value === 'boolean') return `!!bool \`${value}\``
  if (typeof value === 'number')
    return `${Number.isInteger(value) ? '!!int' : '!!float'} \`${value}\``
  return `!!str \`${String(value)}\``
}

// yaml.v3: "yaml: unmarshal errors:\n  line N: cannot unmarshal !!str `x` into T".
function unmarshalError(node: Node, into: string, lines: LineCounter): never {
  const line = lines.linePos(node.range?.[0] ?? 0).line
  throw new SimHttpError(
    invalidParam(
      `yaml: unmarshal errors:\n  line ${line}: cannot unmarshal ${goTag(node)} into ${into}`
    )
  )
}

// The structure yaml.v3 insists on: mappings and sequences where the model has them.
function checkShape(root: Node, lines: LineCounter): void {
  if (!isMap(root)) unmarshalError(root, 'models.WorkflowV4', lines)
  const stages = root.get('stages', true) as Node | undefined
  if (stages === undefined || (isScalar(stages) && stages.value === null))
    return
  if (!isSeq(stages)) unmarshalError(stages, '[]*models.WorkflowStage', lines)
  for (const stage of stages.items as Node[]) {
    if (!isMap(stage)) unmarshalError(stage, 'models.WorkflowStage', lines)
    const jobs = stage.get('jobs', true) as Node | undefined
    if (jobs === undefined || (isScalar(jobs) && jobs.value === null)) continue
    if (!isSeq(jobs)) unmarshalError(jobs, '[]*models.Job', lines)
    for (const job of jobs.items as Node[])
      if (!isMap(job)) unmarshalError(job, 'models.Job', lines)
  }
}

/** Parses the body; a parse error is 400 (code 400) with the parser's message. */
export function parseWorkflowYaml(text: string): Obj {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  const error = doc.errors[0]
  if (error) throw new SimHttpError(invalidParam(error.message))
  const root = doc.contents as Node | null
  if (root === null || (isScalar(root) && root.value === null)) return {}
  checkShape(root, lines)
  return doc.toJS() as Obj
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value)
}

function approval(value: unknown): SimStage['approval'] {
  const a = (value ?? {}) as Obj
  if (a.enabled !== true) return undefined
  const native = (a.native_approval ?? {}) as Obj
  return {
    users: objects(native.approve_users).map(u => str(u.user_name)),
    description: str(a.description),
    timeoutMin: Number(native.timeout ?? 0) || 0,
    neededApprovers: Number(native.needed_approvers ?? 0) || 1
  }
}

function job(j: Obj): SimJob {
  const type = str(j.type)
  const spec = j.spec && typeof j.spec === 'object' ? (j.spec as Obj) : {}
  const script =
    type === 'approval'
      ? { durationSec: 0, outcome: 'passed' as const }
      : { ...DEFAULT_YAML_SCRIPT }
  const runPolicy = j.run_policy ? str(j.run_policy) : undefined
  return { name: str(j.name), type, spec, runPolicy, script }
}

/** The catalog entry a parsed definition becomes (no history; queue 2 s). */
export function workflowFromYaml(doc: Obj): SimWorkflow {
  return {
    key: str(doc.name),
    name: str(doc.display_name),
    project: str(doc.project),
    description: str(doc.description),
    params: Array.isArray(doc.params)
      ? (doc.params as SimWorkflow['params'])
      : [],
    queueSec: 2,
    stages: objects(doc.stages).map(s => ({
      name: str(s.name),
      parallel: s.parallel === true,
      approval: approval(s.approval),
      ...(s.approval === undefined || s.approval === null
        ? { approvalMissing: true }
        : {}),
      jobs: objects(s.jobs).map(job)
    })),
    history: []
  }
}

function upsertError(description: string): never {
  throw new SimHttpError(zadigError(6540, description))
}

/** LintWorkflowV4 (v1.18): every failure is 6540. */
export function lintWorkflow(wf: SimWorkflow, projects: string[]): void {
  if (!wf.project) upsertError('project should not be empty')
  if (!WORKFLOW_KEY.test(wf.key))
    upsertError('工作流标识支持小写字母、数字和中划线')
  if (!projects.includes(wf.project)) upsertError(NO_DOCUMENTS)
  const stageNames = new Set<string>()
  const jobNames = new Set<string>()
  for (const stage of wf.stages) {
    if (stageNames.has(stage.name))
      upsertError(`duplicated stage name: ${stage.name}`)
    stageNames.add(stage.name)
    for (const j of stage.jobs) {
      if (!new RegExp(JOB_NAME).test(j.name))
        upsertError(`job name [${j.name}] did not match ${JOB_NAME}`)
      if (jobNames.has(j.name)) upsertError(`duplicated job name: ${j.name}`)
      jobNames.add(j.name)
    }
  }
}
