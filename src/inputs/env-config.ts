// `definition` of apply-env-config: one Kubernetes object that ZadigX manages as an
// environment config (docs/zadigx-api.md#env-configs). Its kind picks the type sent,
// its metadata.name the config; a Secret's values are registered as secrets at once.
import { describeValue, field, isMapping, quote } from '../structured.js'
import { registerSecret } from '../secrets.js'
import type { EnvConfigType } from '../zadig/api/env-configs.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'

/** The object's kind, the type ZadigX calls it, and its name. */
export interface EnvConfigObject {
  kind: string
  type: EnvConfigType
  name: string
}

/** Kubernetes kind → `common_env_cfg_type` (#env-configs). */
export const ENV_CONFIG_KINDS: Readonly<Record<string, EnvConfigType>> = {
  ConfigMap: 'ConfigMap',
  Secret: 'Secret',
  Ingress: 'Ingress',
  PersistentVolumeClaim: 'PVC'
}

const KIND_LIST = Object.keys(ENV_CONFIG_KINDS).join(', ')

/**
 * Checks `yaml` (already read from its file, if any) and returns it, recording a
 * problem of `label` when it is not one object of a kind ZadigX manages with a name.
 */
export function readEnvConfigYaml(
  label: string,
  yaml: string,
  problems: Problems
): string | undefined {
  const object = envConfigObject(label, yaml, problems)
  return object ? yaml : undefined
}

/** The kind, type and name of a definition `readEnvConfigYaml` accepted. */
export function envConfigOf(yaml: string): EnvConfigObject {
  const problems: Problems = []
  const object = envConfigObject('definition', yaml, problems)
  if (!object) throw new Error(problems.join('; '))
  return object
}

function envConfigObject(
  label: string,
  yaml: string,
  problems: Problems
): EnvConfigObject | undefined {
  const expected = `${label}: expected one Kubernetes object (${KIND_LIST}) with metadata.name`
  if (/^---\s*$/m.test(yaml.replace(/^\s*---\s*\n/, ''))) {
    problems.push(`${expected}, got several YAML documents`)
    return undefined
  }
  const parsed = parseInput(label, yaml, problems)
  if (!parsed) return undefined
  const data = parsed.data
  if (!isMapping(data)) {
    problems.push(`${expected}, got ${describeValue(data)}`)
    return undefined
  }
  const kind = data.kind
  const type =
    typeof kind === 'string' && Object.hasOwn(ENV_CONFIG_KINDS, kind)
      ? ENV_CONFIG_KINDS[kind]
      : undefined
  const name = field(data, 'metadata', 'name')
  const bad: string[] = []
  if (!type)
    bad.push(typeof kind === 'string' ? `kind ${quote(kind)}` : 'no kind')
  if (typeof name !== 'string' || name.trim() === '')
    bad.push(`metadata.name ${describeValue(name)}`)
  if (bad.length > 0 || !type || typeof name !== 'string') {
    problems.push(`${expected}, got ${bad.join(' and ')}`)
    return undefined
  }
  if (type === 'Secret') registerSecretValues(data)
  return { kind: kind as string, type, name }
}

// A Secret's values must never show, in any form the server might echo them.
function registerSecretValues(data: Record<string, unknown>): void {
  for (const key of ['data', 'stringData']) {
    const values = data[key]
    if (!isMapping(values)) continue
    for (const value of Object.values(values)) {
      if (typeof value !== 'string' || value === '') continue
      registerSecret(value)
      if (key === 'data') {
        const decoded = Buffer.from(value, 'base64').toString('utf8')
        if (decoded) registerSecret(decoded)
      }
    }
  }
}
