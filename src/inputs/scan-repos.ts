// run-scan's `inputs`: the repository the scan task checks out
// (docs/zadigx-api.md#scan-tasks). One only: ZadigX keeps a repository of the start
// only when it matches the scan's first repository, so a second one is always lost.
import type { ScanRepo } from '../zadig/api/quality.js'
import { describeValue, isMapping, quote } from '../structured.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'

const FORM =
  'a mapping {source, repo_owner, repo_name, branch, pr?} (or a list of one)'
const KEYS = ['source', 'repo_owner', 'repo_name', 'branch', 'pr']
const NAME = /^[^\s/?#%\\]{1,200}$/
const BRANCH = /^[^\s~^:?*[\\]{1,250}$/

/** Reads the repository of run-scan from `inputs`; undefined (with problems) when wrong. */
export function parseScanRepos(
  text: string,
  problems: Problems
): ScanRepo[] | undefined {
  const parsed = parseInput('inputs', text, problems)
  if (!parsed || parsed.data === null) return undefined
  const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data]
  if (items.length !== 1) {
    problems.push(
      `inputs: run-scan takes one repository, got ${items.length}: ZadigX keeps only a repository that matches the scan's first one and drops the others without a word`
    )
    return undefined
  }
  const repo = readRepo(items[0], problems)
  return repo ? [repo] : undefined
}

function readRepo(item: unknown, problems: Problems): ScanRepo | undefined {
  if (!isMapping(item)) {
    problems.push(`inputs: expected ${FORM}, got ${describeValue(item)}`)
    return undefined
  }
  const before = problems.length
  for (const key of Object.keys(item)) {
    if (!KEYS.includes(key))
      problems.push(
        `inputs: expected only ${KEYS.join(', ')}, got ${quote(key)}`
      )
  }
  const field = (key: string, shape: RegExp, what: string): string => {
    const value = item[key]
    if (typeof value === 'string' && shape.test(value)) return value
    problems.push(
      `inputs.${key}: expected ${what}, got ${describeValue(value)}`
    )
    return ''
  }
  const source = field(
    'source',
    /^[a-z]{2,20}$/,
    'the code host type (github, gitlab, gitee, …)'
  )
  const owner = field(
    'repo_owner',
    NAME,
    'the owner (namespace) of the repository'
  )
  const name = field('repo_name', NAME, 'the repository name')
  const branch = field(
    'branch',
    BRANCH,
    'a branch name (ZadigX refuses a repository without one)'
  )
  const pr = item['pr']
  const okPr =
    pr === undefined ||
    (typeof pr === 'number' && Number.isSafeInteger(pr) && pr > 0)
  if (!okPr)
    problems.push(
      `inputs.pr: expected a pull request number (a whole number from 1), got ${describeValue(pr)}`
    )
  if (problems.length !== before) return undefined
  const repo: ScanRepo = { source, repo_owner: owner, repo_name: name, branch }
  if (typeof pr === 'number') repo.prs = [pr]
  return repo
}
