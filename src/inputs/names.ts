// Keys and names as ZadigX accepts them (docs/zadigx-api.md#names): a value that
// breaks these rules names nothing on the server, and a `/`, `?`, `#` or `%` in a
// path segment would send the call to another route.
import { quote } from '../structured.js'
import type { Problems } from './scalars.js'
import { hasControlCharacters } from '../server-text.js'

// ZadigX checks a project key on create: letters, digits, - and _ (all versions).
const PROJECT_KEY = /^[A-Za-z0-9_-]+$/
// A custom workflow's key: letters, digits and - (lower case only before v2.3).
const WORKFLOW_KEY = /^[A-Za-z0-9-]+$/
// Names ZadigX does not check (product workflows, views) still travel in a path.
const PATH_BREAKERS = /[/?#%\\]/

/** Adds a problem unless `key` is a project key; '' (not given) passes. */
export function checkProjectKey(key: string, problems: Problems): void {
  if (key === '' || PROJECT_KEY.test(key)) return
  problems.push(
    `project: expected a project key (letters, digits, - and _), got ${quote(key)}: use the key, not the display name (ZadigX shows it in the project's address, …/projects/detail/<key>)`
  )
}

/** Adds a problem unless `key` can name a workflow of `type`; '' passes. */
export function checkWorkflowKey(
  key: string,
  type: 'custom' | 'product',
  problems: Problems
): void {
  if (key === '') return
  if (type === 'custom') {
    if (WORKFLOW_KEY.test(key)) return
    problems.push(
      `workflow: expected a custom workflow key (letters, digits and -), got ${quote(key)}: use the key, not the display name (ZadigX shows it in the workflow's address, …/pipelines/custom/<key>)`
    )
  } else if (/\s/.test(key) || !pathSafe(key)) {
    problems.push(
      `workflow: expected a product workflow name without spaces, /, ?, #, %, \\ or control characters, got ${quote(key)}`
    )
  }
}

/** Adds a problem when the view name cannot travel in a URL path; '' passes. */
export function checkViewName(name: string, problems: Problems): void {
  if (name === '' || pathSafe(name)) return
  problems.push(
    `view: expected a view name without /, ?, #, %, \\ or control characters, got ${quote(name)}`
  )
}

function pathSafe(text: string): boolean {
  return !PATH_BREAKERS.test(text) && !hasControlCharacters(text)
}

/** A release version name: it travels in a query, so only its length is limited. */
export function checkReleaseVersion(
  name: string,
  problems: Problems
): string | undefined {
  if (name.length <= 128) return name
  problems.push(
    `release-version: expected a version name of at most 128 characters, got ${name.length}`
  )
  return undefined
}

// The create route's own rule, stricter than the keys of existing projects
// (docs/zadigx-api.md#projects).
const NEW_PROJECT_KEY = /^[a-z0-9-]+$/

/** create-project: adds a problem unless ZadigX would take `key` for a new project. */
export function checkNewProjectKey(key: string, problems: Problems): void {
  if (key === '' || NEW_PROJECT_KEY.test(key) || !PROJECT_KEY.test(key)) return
  problems.push(
    `project: expected a new project key of lower case letters, digits and - (ZadigX refuses others on create), got ${quote(key)}`
  )
}

/** A display name (create-project's, a template's): one line, at most 100 characters. */
export function readProjectName(
  text: string,
  problems: Problems,
  input = 'project-name'
): string | undefined {
  const name = text.trim()
  if (name.length <= 100 && !hasControlCharacters(name)) return name
  problems.push(
    `${input}: expected a name of at most 100 characters, got ${quote(name)}`
  )
  return undefined
}
