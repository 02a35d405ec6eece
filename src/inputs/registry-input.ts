// `registry`: the image registry create-registry adds, checked the way the
// server's Validate() checks it (docs/zadigx-api.md#create-registry) so that
// nothing is sent that it would refuse. Credentials are separate secret inputs.
import { describeValue, isMapping, quote } from '../structured.js'
import { checkSingleLine } from './single-line.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'
import type { ActionInputs, RegistryInput } from './types.js'

/** The providers the server accepts, unchanged v1.18.0 … v5.0.0. */
export const REGISTRY_PROVIDERS = [
  'harbor',
  'dockerhub',
  'acr',
  'swr',
  'tcr',
  'ecr',
  'native'
] as const

const KEYS = [
  'address',
  'provider',
  'namespace',
  'region',
  'is-default',
  'enable-tls',
  'tls-cert'
]
const EXPECTED =
  '{address, provider, namespace, region?, is-default?, enable-tls?, tls-cert?}'
// Credentials go in their own inputs, which are masked; here they would be logged.
const CREDENTIAL_KEY = /key|secret|password|token|credential/i

/** Reads the `registry` mapping; every problem is named, nothing is sent on one. */
export function parseRegistryInput(
  text: string,
  problems: Problems
): RegistryInput | undefined {
  const parsed = parseInput('registry', text, problems)
  if (!parsed) return undefined
  const { data } = parsed
  if (!isMapping(data)) {
    problems.push(`registry: expected ${EXPECTED}, got ${describeValue(data)}`)
    return undefined
  }
  const before = problems.length
  for (const key of Object.keys(data).filter(k => !KEYS.includes(k)))
    problems.push(unknownKey(key))
  const provider = readProvider(data.provider, problems)
  const registry: RegistryInput = {
    address: readAddress(data.address, problems),
    provider,
    namespace: text1('namespace', data.namespace, problems).trim(),
    region: text1('region', data.region, problems).trim(),
    isDefault: flag('is-default', data['is-default'], problems),
    enableTls: flag('enable-tls', data['enable-tls'], problems),
    tlsCert: pem(data['tls-cert'], problems)
  }
  // The server's rules: only ECR may leave out the namespace (it is in the address),
  // and ECR needs its region.
  if (registry.namespace === '' && provider !== 'ecr' && provider !== '')
    problems.push(
      `registry.namespace: expected the registry's namespace (project), got nothing; only provider ecr may leave it out`
    )
  if (provider === 'ecr' && registry.region === '')
    problems.push(
      'registry.region: expected the AWS region (for example us-east-1), got nothing; provider ecr needs it'
    )
  return problems.length === before ? registry : undefined
}

function unknownKey(key: string): string {
  if (CREDENTIAL_KEY.test(key))
    return `registry: expected no credentials in registry, got ${quote(key)}; give them in the inputs registry-access-key and registry-secret-key (masked), from secrets`
  return `registry: expected only ${KEYS.join(', ')}, got ${quote(key)}`
}

function text1(key: string, value: unknown, problems: Problems): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    problems.push(`registry.${key}: expected text, got ${describeValue(value)}`)
    return ''
  }
  checkSingleLine({ [`registry.${key}`]: value }, problems)
  return value
}

// The server wants a URL (Go's url.ParseRequestURI); registries are reached over
// http(s), so a bare host name is refused here with the fix.
function readAddress(value: unknown, problems: Problems): string {
  const address = text1('address', value, problems).trim()
  if (address === '') {
    if (value === undefined || value === null || value === '')
      problems.push(
        'registry.address: expected the registry URL (for example https://harbor.example.com), got nothing'
      )
    return ''
  }
  if (!isHttpUrl(address))
    problems.push(
      `registry.address: expected a URL with http:// or https:// (for example https://${address.replace(/^[a-z]+:\/\//i, '')}), got ${quote(address)}`
    )
  return address
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.host
  } catch {
    return false
  }
}

function readProvider(value: unknown, problems: Problems): string {
  const provider = text1('provider', value, problems).trim().toLowerCase()
  if ((REGISTRY_PROVIDERS as readonly string[]).includes(provider))
    return provider
  if (typeof value === 'string' || value === undefined || value === null)
    problems.push(
      `registry.provider: expected one of ${REGISTRY_PROVIDERS.join(', ')}, got ${describeValue(value === '' ? undefined : value)}`
    )
  return ''
}

function flag(key: string, value: unknown, problems: Problems): boolean {
  if (value === undefined || value === null || typeof value === 'boolean')
    return value === true
  problems.push(
    `registry.${key}: expected true or false, got ${describeValue(value)}`
  )
  return false
}

function pem(value: unknown, problems: Problems): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    problems.push(
      `registry.tls-cert: expected the PEM text of a certificate, got ${describeValue(value)}`
    )
    return ''
  }
  if (value.trim() !== '' && !value.includes('-----BEGIN CERTIFICATE-----'))
    problems.push(
      'registry.tls-cert: expected the PEM text of a certificate (-----BEGIN CERTIFICATE----- …), got other text'
    )
  return value
}

/**
 * create-registry's credentials: both or neither (a registry without them is
 * pulled from anonymously), and both for ECR. Messages never show their values.
 */
export function checkRegistryCredentials(
  inputs: Pick<
    ActionInputs,
    'registry' | 'registryAccessKey' | 'registrySecretKey'
  >,
  problems: Problems
): void {
  const access = (inputs.registryAccessKey ?? '') !== ''
  const secret = (inputs.registrySecretKey ?? '') !== ''
  if (access && !secret)
    problems.push(
      'registry-secret-key: expected the secret key (or password) that goes with registry-access-key, got nothing'
    )
  if (secret && !access)
    problems.push(
      'registry-access-key: expected the access key (or user name) that goes with registry-secret-key, got nothing'
    )
  if (!access && !secret && inputs.registry?.provider === 'ecr')
    problems.push(
      'registry-access-key: provider ecr needs registry-access-key and registry-secret-key (an AWS key pair), got nothing'
    )
}
