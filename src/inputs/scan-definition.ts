// create-scan's `definition`: a code scan as the OpenAPI creates it
// (docs/zadigx-api.md#create-scan). The fields the server checks, or crashes on, are
// checked here; the rest (cluster, code host and image names) only the server knows.
import { describeValue, isMapping, quote } from '../structured.js'
import type { Problems } from './scalars.js'

const TEXT_FIELDS = [
  'name',
  'project_key',
  'description',
  'scanner_type',
  'image_name',
  'sonar_system',
  'prelaunch_script',
  'sonar_parameter',
  'script'
]
const FIELDS = [
  ...TEXT_FIELDS,
  'repo_info',
  'addons',
  'enable_quality_gate',
  'advanced_settings'
]
const REPO_FIELDS = ['codehost_name', 'repo_namespace', 'repo_name', 'branch']
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** Checks a scan definition against the project input; problems name the field. */
export function checkScanDefinition(
  label: string,
  data: Record<string, unknown>,
  project: string,
  problems: Problems
): void {
  const say = (field: string, expected: string, got: unknown) =>
    problems.push(
      `${label}.${field}: expected ${expected}, got ${describeValue(got)}`
    )
  for (const key of Object.keys(data))
    if (!FIELDS.includes(key))
      problems.push(
        `${label}: expected only the fields ${FIELDS.join(', ')}, got ${quote(key)}`
      )
  for (const key of TEXT_FIELDS)
    if (data[key] !== undefined && typeof data[key] !== 'string')
      say(key, 'a text', data[key])
  const { name, project_key, scanner_type, image_name } = data
  if (typeof name !== 'string' || !NAME.test(name))
    say(
      'name',
      'the scan name (letters, digits, ".", "_" or "-", at most 100)',
      name
    )
  if (
    typeof project_key === 'string' &&
    project !== '' &&
    project_key !== project
  )
    problems.push(
      `${label}.project_key: expected the project input ${quote(project)}, got ${quote(project_key)}`
    )
  if (scanner_type !== 'sonarQube' && scanner_type !== 'other')
    say('scanner_type', 'sonarQube or other', scanner_type)
  if (typeof image_name !== 'string' || image_name.trim() === '')
    say('image_name', 'the name of a ZadigX build image', image_name)
  if (scanner_type === 'sonarQube' && typeof data.sonar_system !== 'string')
    say(
      'sonar_system',
      'the SonarQube integration’s system identity (Zadig v2.0 and later)',
      data.sonar_system
    )
  if (
    data.enable_quality_gate !== undefined &&
    typeof data.enable_quality_gate !== 'boolean'
  )
    say('enable_quality_gate', 'true or false', data.enable_quality_gate)
  checkAdvanced(data.advanced_settings, say)
  checkList(data.repo_info, 'repo_info', REPO_FIELDS, say)
  checkList(data.addons, 'addons', ['name', 'version'], say)
}

type Say = (field: string, expected: string, got: unknown) => void

// The server reads advanced_settings.cluster_name without a nil check: a missing
// mapping is a crash there, not an error.
function checkAdvanced(value: unknown, say: Say): void {
  if (!isMapping(value)) {
    say(
      'advanced_settings',
      'a mapping with cluster_name (ZadigX crashes without one)',
      value
    )
    return
  }
  if (typeof value.cluster_name !== 'string' || value.cluster_name === '')
    say(
      'advanced_settings.cluster_name',
      'the name of a ZadigX cluster',
      value.cluster_name
    )
  if (
    value.timeout !== undefined &&
    !(Number.isSafeInteger(value.timeout) && (value.timeout as number) > 0)
  )
    say(
      'advanced_settings.timeout',
      'seconds, a whole number from 1',
      value.timeout
    )
}

function checkList(
  value: unknown,
  field: string,
  keys: string[],
  say: Say
): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    say(field, `a list of {${keys.join(', ')}}`, value)
    return
  }
  value.forEach((item, i) => {
    if (!isMapping(item)) {
      say(`${field}[${i}]`, `a mapping {${keys.join(', ')}}`, item)
      return
    }
    for (const key of keys)
      if (typeof item[key] !== 'string' || item[key] === '')
        say(`${field}[${i}].${key}`, 'a text', item[key])
  })
}
