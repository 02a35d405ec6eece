// English explanations shown beside ZadigX's own (often Chinese) error texts, which the
// action prints as they are (reference 2.4 lists the codes).
import { NO_DOCUMENTS } from './errors.js'

const CODES: Record<number, string> = {
  6160: 'ZadigX could not create the task',
  6161: 'ZadigX could not find or read the task: check task-id and workflow',
  6162: 'ZadigX could not list the tasks',
  6163: 'ZadigX could not cancel the task (a task that passed cannot be cancelled)',
  6164: 'ZadigX could not restart the task',
  6169: 'ZadigX refused the approval: nothing is waiting under that name, or this user is not an approver or already decided',
  6540: 'ZadigX could not create or update the workflow: check the definition',
  6542: 'ZadigX could not find the workflow: check the workflow key (not the display name)',
  6543: 'ZadigX could not delete the workflow',
  6545: 'ZadigX could not prepare or check the workflow'
}

// Descriptions worth explaining, matched as text (v1.18 and HEAD wordings).
const DESCRIPTIONS: [RegExp, string][] = [
  [
    /工作流任务状态无法重试/,
    'the task status cannot be retried: only failed, timeout, cancelled or rejected tasks can'
  ],
  [
    /didn't find the specified image registry/,
    'the build job\'s registry must be exactly "<registry address>/<namespace>" of a registry configured in ZadigX'
  ],
  [
    /failed to find code host with name/,
    'a repo_info codehost_name must be the alias of a code host configured in ZadigX (System settings → Code hosts)'
  ],
  [
    /failed to update jobspec/,
    'a job input did not match the workflow: check registry, service names/modules and repo_info'
  ],
  [
    /undefined job type/,
    'this job type cannot be started through the ZadigX OpenAPI'
  ],
  [
    /get origin refered job/,
    'a deploy job takes its images from a build job that is not in inputs: list that build job too'
  ],
  [
    /has no authority to approve/i,
    "the token's user is not one of the configured approvers"
  ],
  [
    /have approve already/i,
    "the token's user has already decided this approval"
  ]
]

/** An English explanation of a ZadigX error code and description, if one is known. */
export function explainZadigError(
  code: number | undefined,
  description: string | undefined
): string | undefined {
  const fromText = DESCRIPTIONS.find(([pattern]) =>
    pattern.test(description ?? '')
  )?.[1]
  const fromCode = code !== undefined ? CODES[code] : undefined
  if (fromCode && fromText) return `${fromCode}; ${fromText}`
  if (fromCode || fromText) return fromCode ?? fromText
  // The generic MongoDB miss says only that something does not exist.
  return (description ?? '').includes(NO_DOCUMENTS)
    ? 'the workflow or task does not exist'
    : undefined
}
