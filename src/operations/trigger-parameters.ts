// Workflow-level variables for the trigger body's `parameters` (docs/zadigx-api.md#trigger-task).
import type { TriggerRequest, WorkflowDetail } from '../zadig/types.js'

/** The trigger body's `parameters` field. */
export type TriggerParameters = NonNullable<TriggerRequest['parameters']>

// Types Zadig v3.1 … HEAD `UpdateWorkflowParam` applies; others it skips.
const APPLIED_TYPES = new Set(['string', 'text', 'choice'])

const names = (values: string[]): string =>
  values.length > 0 ? values.join(', ') : '(none)'

/**
 * Checks the user's `parameters` against the workflow's variables and turns
 * them into `[{name, type, value}]`. Returns undefined when none were given,
 * so the body stays minimal. Problems and warnings are appended.
 */
export function buildWorkflowParameters(
  given: Record<string, string> | undefined,
  detail: WorkflowDetail,
  problems: string[],
  warnings: string[]
): TriggerParameters | undefined {
  const entries = Object.entries(given ?? {})
  if (entries.length === 0) return undefined
  // Zadig before v3.1 (ZadigX v1.7 = v1.18 included) ignores this field
  // without an error; the trigger operation warns after the run.
  const params = detail.params ?? []
  const result: TriggerParameters = []
  for (const [name, value] of entries) {
    const param = params.find(p => p.name === name)
    if (!param) {
      problems.push(
        `parameters: ${JSON.stringify(name)} is not a variable of workflow ${detail.workflow_key}; expected one of: ${names(params.map(p => p.name))}`
      )
      continue
    }
    const options = param.choice_option ?? []
    if (param.type === 'choice' && !options.includes(value)) {
      problems.push(
        `parameters: ${name} expected one of: ${names(options)}; got ${JSON.stringify(value)}`
      )
      continue
    }
    if (param.type === 'repo') {
      // v3.1+ reads `repo.codehost_name` of a repo variable; a bare value
      // leaves it null and the server fails.
      problems.push(
        `parameters: ${name} is a repository variable, expected a string, text or choice variable; set the branch through the job's repo_info in inputs instead`
      )
      continue
    }
    if (!APPLIED_TYPES.has(param.type))
      warnings.push(
        `parameters: ${name} has type ${param.type}, which the server does not set through the OpenAPI; the configured value will be used`
      )
    result.push({ name, type: param.type, value })
  }
  return result
}
