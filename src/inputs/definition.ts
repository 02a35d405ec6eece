// `definition`: a custom workflow as YAML (docs/zadigx-api.md#create-workflow) or a
// service template's YAML (#service-write), given inline or as the path of a file in
// the workspace.
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { describeValue, isMapping, quote } from '../structured.js'
import { readEnvConfigYaml } from './env-config.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'
import { checkScanDefinition } from './scan-definition.js'

/** What the workflow definition must agree with. */
export interface DefinitionContext {
  /** GITHUB_WORKSPACE, or the working directory. */
  workspace: string
  /** The workflow input ('' when not given): must equal the definition's name. */
  workflow: string
  /** The project input ('' when not given): must equal its `project`. */
  project: string
  /**
   * What the operation takes: a workflow (a mapping with a name), or a
   * service's YAML, sent as text: it may hold several documents and Zadig's
   * `{{.var}}` placeholders, so the server is the one to judge it. An
   * environment config is one Kubernetes object (src/inputs/env-config.ts); a
   * document is one the operation parses itself (create-project, create-build).
   */
  kind?: 'workflow' | 'service' | 'env-config' | 'scan' | 'document'
}

/**
 * Returns the definition's YAML text. A single line naming an existing file
 * (relative to the workspace, or absolute) is read from that file; anything
 * else is the YAML itself. It must be a mapping with a `name`.
 */
export function readDefinition(
  text: string,
  context: DefinitionContext,
  problems: Problems
): string | undefined {
  const line = text.trim()
  const file = line.includes('\n') ? undefined : existingFile(line, context)
  let yaml = text
  let label = 'definition'
  if (file) {
    try {
      yaml = readFileSync(file, 'utf8')
    } catch (error) {
      problems.push(
        `definition: expected a readable file, got ${quote(line)} (${(error as NodeJS.ErrnoException).code ?? 'read error'})`
      )
      return undefined
    }
    label = `definition (file ${line})`
  }
  if (context.kind === 'document')
    return documentText(label, line, file, yaml, context, problems)
  if (context.kind === 'service')
    return serviceYaml(label, line, file, yaml, context, problems)
  if (context.kind === 'env-config') {
    if (!file && !line.includes('\n')) {
      problems.push(
        `${label}: expected a Kubernetes object's YAML or the path of a YAML file in the workspace, got ${quote(line)}, which is neither (no such file under ${context.workspace})`
      )
      return undefined
    }
    return readEnvConfigYaml(label, yaml, problems)
  }
  const before = problems.length
  const parsed = parseInput(label, yaml, problems)
  if (!parsed) return undefined
  if (!isMapping(parsed.data)) {
    problems.push(notAMapping(label, line, file, parsed.data, context))
  } else if (context.kind === 'scan') {
    checkScanDefinition(label, parsed.data, context.project, problems)
  } else {
    checkFields(label, parsed.data, context, problems)
  }
  return problems.length === before ? yaml : undefined
}

function serviceYaml(
  label: string,
  line: string,
  file: string | undefined,
  yaml: string,
  context: DefinitionContext,
  problems: Problems
): string | undefined {
  if (!file && !line.includes('\n')) {
    problems.push(
      `${label}: expected a service's YAML or the path of a YAML file in the workspace, got ${quote(line)}, which is neither (no such file under ${context.workspace})`
    )
    return undefined
  }
  if (yaml.trim() === '') {
    problems.push(`${label}: expected a service's YAML, got an empty file`)
    return undefined
  }
  return yaml
}

// One-line JSON is a document too; a line that names a YAML/JSON file must name one.
function documentText(
  label: string,
  line: string,
  file: string | undefined,
  text: string,
  context: DefinitionContext,
  problems: Problems
): string | undefined {
  if (!file && /^[^\s{}[\]]+\.(ya?ml|json)$/i.test(line)) {
    problems.push(
      `${label}: expected YAML/JSON or the path of a file in the workspace, got ${quote(line)} (no such file under ${context.workspace})`
    )
    return undefined
  }
  return text
}

function existingFile(
  text: string,
  context: DefinitionContext
): string | undefined {
  const path = isAbsolute(text) ? text : resolve(context.workspace, text)
  try {
    return statSync(path).isFile() ? path : undefined
  } catch {
    return undefined
  }
}

function notAMapping(
  label: string,
  text: string,
  file: string | undefined,
  data: unknown,
  context: DefinitionContext
): string {
  const expected = `${label}: expected a workflow definition (a YAML mapping with a name) or the path of a YAML file in the workspace`
  if (file || text.includes('\n')) {
    return `${expected}, got ${describeValue(data)}`
  }
  return `${expected}, got ${quote(text)}, which is neither (no such file under ${context.workspace})`
}

function checkFields(
  label: string,
  data: Record<string, unknown>,
  context: DefinitionContext,
  problems: Problems
): void {
  const { name, project } = data
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push(
      `${label}: expected a mapping with a name (the workflow key), got name ${describeValue(name)}`
    )
  } else if (context.workflow !== '' && name !== context.workflow) {
    problems.push(
      `${label}: expected name to equal the workflow input ${quote(context.workflow)}, got ${quote(name)}`
    )
  }
  if (
    context.project !== '' &&
    typeof project === 'string' &&
    project !== context.project
  ) {
    problems.push(
      `${label}: expected project to equal the project input ${quote(context.project)}, got ${quote(project)}`
    )
  }
}
