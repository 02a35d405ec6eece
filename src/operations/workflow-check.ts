// Before a trigger: does the project hold this workflow? ZadigX v1.7 finds a workflow
// by its key alone and would start it under any project, with broken links
// (docs/zadigx-api.md#trigger-task); the project's list tells (#list-workflows).
import { quote } from '../structured.js'
import { untrusted } from '../log.js'
import type { WorkflowBrief } from '../zadig/types.js'

const SHOWN = 12

/**
 * Null when `workflowKey` is a custom workflow of the project; otherwise an error
 * message naming the input, what it probably should be, and the keys there are.
 */
export function workflowProblem(
  projectKey: string,
  workflowKey: string,
  workflows: WorkflowBrief[]
): string | null {
  const customs = workflows.filter(w => w.type !== 'product')
  if (customs.some(w => w.workflow_key === workflowKey)) return null
  const wanted = workflowKey.trim().toLowerCase()
  const byName = customs.find(
    w => w.workflow_name.trim().toLowerCase() === wanted
  )
  if (byName)
    return `workflow: ${quote(workflowKey)} is the display name of workflow ${untrusted(byName.workflow_key)}; the input takes the key: workflow: ${untrusted(byName.workflow_key)}`
  if (
    workflows.some(w => w.type === 'product' && w.workflow_key === workflowKey)
  )
    return `workflow: ${quote(workflowKey)} is a product workflow of project ${projectKey}; set workflow-type: product`
  const start = `workflow: project ${projectKey} has no custom workflow ${quote(workflowKey)}`
  if (customs.length === 0)
    return `${start}, and no custom workflows at all: check the project input (the project key, not its display name)`
  const likely = closest(workflowKey, customs)
  const keys = customs
    .slice(0, SHOWN)
    .map(w => `${w.workflow_key} (${w.workflow_name})`)
  const more =
    customs.length > SHOWN ? `, and ${customs.length - SHOWN} more` : ''
  return untrusted(
    `${start}${likely ? `; did you mean ${likely.workflow_key}?` : ''} Its workflow keys: ${keys.join(', ')}${more}. If the workflow is in another project, set project to that project's key.`
  )
}

// The key or display name nearest to what was typed, when it is near enough to be a typo.
function closest(
  typed: string,
  workflows: WorkflowBrief[]
): WorkflowBrief | undefined {
  const text = typed.toLowerCase()
  let best: { workflow: WorkflowBrief; distance: number } | undefined
  for (const workflow of workflows) {
    for (const name of [workflow.workflow_key, workflow.workflow_name]) {
      const distance = editDistance(text, name.toLowerCase())
      if (!best || distance < best.distance) best = { workflow, distance }
    }
  }
  const limit = Math.max(2, Math.floor(typed.length / 3))
  return best && best.distance <= limit ? best.workflow : undefined
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution))
    }
    previous = row
  }
  return previous[b.length]!
}
