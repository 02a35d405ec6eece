// Inputs that connect the action to its surroundings: cancellation, the GitHub side
// (issue 4), the network to ZadigX (issue 5) and the polling strategy (issue 6).
import { errorMessage } from '../log.js'
import { readCaCert } from '../zadig/ca-cert.js'
import { REQUEST_TIMEOUT_RANGE } from './limits.js'
import {
  readBoolean,
  readChoice,
  readDuration,
  readInteger
} from './scalars.js'
import type { Problems } from './scalars.js'

/** The integration settings, validated. */
export interface IntegrationInputs {
  cancelOnAbort: boolean
  cancelOnTimeout: boolean
  useGithubRef: boolean
  commitStatus: boolean
  statusContext: string
  environment: string
  prComment: boolean
  githubToken: string
  requestTimeoutMs: number
  caCert?: string
  insecureSkipTlsVerify: boolean
  pollStrategy: 'adaptive' | 'fixed'
  /** Job logs in the GitHub log and the summary; `auto` is decided by the repository's visibility. */
  logs: LogsMode
  /** How many of a failed job's last lines are shown. */
  logLines: number
}

/** The `logs` input. */
export type LogsMode = 'auto' | 'live' | 'failed' | 'none'

/** Most lines `log-lines` may ask for (the job summary has a size limit). */
export const MAX_LOG_LINES = 1000

/** Raw values of the integration inputs, by input name. */
export type IntegrationRaw = Record<
  | 'cancel-on-abort'
  | 'cancel-on-timeout'
  | 'use-github-ref'
  | 'commit-status'
  | 'status-context'
  | 'environment'
  | 'pr-comment'
  | 'github-token'
  | 'request-timeout'
  | 'ca-cert'
  | 'insecure-skip-tls-verify'
  | 'poll-strategy'
  | 'logs'
  | 'log-lines',
  string
>

function readCa(text: string, workspace: string, problems: Problems) {
  if (text.trim() === '') return undefined
  try {
    return readCaCert(text, workspace)
  } catch (err) {
    problems.push(errorMessage(err))
    return undefined
  }
}

/** Reads and checks the integration inputs; problems go to `problems`. */
export function readIntegration(
  raw: IntegrationRaw,
  workspace: string,
  problems: Problems
): IntegrationInputs {
  const bool = (name: keyof IntegrationRaw, fallback: boolean): boolean =>
    readBoolean(name, raw[name], fallback, problems)
  const inputs: IntegrationInputs = {
    cancelOnAbort: bool('cancel-on-abort', true),
    cancelOnTimeout: bool('cancel-on-timeout', false),
    useGithubRef: bool('use-github-ref', false),
    commitStatus: bool('commit-status', false),
    statusContext: raw['status-context'].trim(),
    environment: raw.environment.trim(),
    prComment: bool('pr-comment', false),
    githubToken: raw['github-token'].trim(),
    requestTimeoutMs: readDuration(
      'request-timeout',
      raw['request-timeout'],
      REQUEST_TIMEOUT_RANGE,
      problems
    ),
    caCert: readCa(raw['ca-cert'], workspace, problems),
    insecureSkipTlsVerify: bool('insecure-skip-tls-verify', false),
    pollStrategy: readChoice(
      'poll-strategy',
      raw['poll-strategy'],
      ['adaptive', 'fixed'] as const,
      'adaptive',
      problems
    ),
    logs: readChoice(
      'logs',
      raw.logs,
      ['auto', 'live', 'failed', 'none'] as const,
      'auto',
      problems
    ),
    logLines: readInteger(
      'log-lines',
      raw['log-lines'],
      { min: 1, max: MAX_LOG_LINES, fallback: 100 },
      problems
    )
  }
  const reports = inputs.commitStatus || inputs.prComment || inputs.environment
  if (reports && inputs.githubToken === '')
    problems.push(
      'github-token: expected a GitHub token for commit-status, environment or pr-comment (the default is the job token, github.token), got nothing'
    )
  return inputs
}
