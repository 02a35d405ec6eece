// English explanations shown beside ZadigX's own (often Chinese) error texts, which the
// action prints as they are (docs/zadigx-api.md#error-shapes lists the forms).
import { quote } from '../structured.js'
import { NO_DOCUMENTS } from './errors.js'

const CODES: Record<number, string> = {
  6160: 'ZadigX could not create the task',
  6161: 'ZadigX could not find or read the task: check task-id and workflow',
  6162: 'ZadigX could not list the tasks',
  6163: 'ZadigX could not cancel the task (a task that passed cannot be cancelled)',
  6164: 'ZadigX could not restart the task',
  6169: 'ZadigX refused the approval',
  6540: 'ZadigX could not create or update the workflow: check the definition',
  // Zadig v1.18 .. v3.3 (ZadigX v1.7 and v1.8 included) also answer 6542 when a job's
  // stored settings fail to load; v3.4.0 moved that to 6545 (docs/zadigx-api.md#trigger-task).
  6542: 'ZadigX could not find the workflow (check the workflow key, not the display name) or, on ZadigX v1.7/v1.8 and Zadig up to v3.3, could not prepare one of its jobs from its stored settings (e.g. a deploy job whose environment was deleted)',
  6543: 'ZadigX could not delete the workflow',
  6545: "ZadigX could not prepare the workflow's jobs from their stored settings: check each job in the workflow editor (e.g. a deploy job whose environment was deleted)"
}

type Hint = string | ((match: RegExpMatchArray) => string)

// The alias is the rest of the text: "failed to find code host with name:<alias>".
const codeHostHint = (match: RegExpMatchArray): string =>
  `ZadigX has no code host ${quote((match[1] ?? '').trim())} at system level: the OpenAPI resolves codehost_name only among code hosts integrated at system level (System settings → Integrations → Code hosts; ZadigX v1.8 / Zadig v2.0 and later), so a repository whose code host is integrated in a project cannot be named`

// Descriptions worth explaining, matched as text (the wordings of v1.18 .. v5.0).
const DESCRIPTIONS: [RegExp, Hint][] = [
  [
    /工作流任务状态无法重试/,
    'the task status cannot be retried: only failed, timeout, cancelled or rejected tasks can'
  ],
  [
    /didn't find the specified image registry/,
    'the build job\'s registry must be exactly "<registry address>/<namespace>" of a registry configured in ZadigX'
  ],
  [/failed to find code host with name:([^\n]*)/, codeHostHint],
  [
    /failed to update jobspec/,
    'a job input did not match the workflow: check registry, service names/modules and repo_info (each codehost_name must be the alias of a code host integrated at system level)'
  ],
  // Every listed job was removed or emptied; Zadig v3.4.0 empties build jobs given
  // through the OpenAPI (fixed in v3.4.1) (docs/zadigx-api.md#job-inputs).
  [
    /no stage found/,
    'no job was left to run: the listed jobs were skipped or emptied (on Zadig v3.4.0 build jobs started through the OpenAPI build nothing, a server fault fixed in v3.4.1; upgrade, or start them in the web UI)'
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
    /have (approve|reject) already/,
    "the token's user has already decided this approval"
  ],
  // ZadigX v1.7 .. Zadig v2.1: "... do not need approve"; v2.2 and later: "not found approval".
  [
    /do not need approve|not found approval/,
    'nothing waits for a decision under that name: the gate was already decided, timed out or not reached yet, or it is a Lark, DingTalk or WorkWX approval, which is decided in that app'
  ]
]

function describeText(description: string): string | undefined {
  for (const [pattern, hint] of DESCRIPTIONS) {
    const match = description.match(pattern)
    if (match) return typeof hint === 'string' ? hint : hint(match)
  }
  return undefined
}

/** An English explanation of a ZadigX error code and description, if one is known. */
export function explainZadigError(
  code: number | undefined,
  description: string | undefined
): string | undefined {
  const fromText = describeText(description ?? '')
  const fromCode = code !== undefined ? CODES[code] : undefined
  if (fromCode && fromText) return `${fromCode}; ${fromText}`
  if (fromCode || fromText) return fromCode ?? fromText
  // The generic MongoDB miss says only that something does not exist.
  return (description ?? '').includes(NO_DOCUMENTS)
    ? 'something the request names does not exist (its project, workflow, task, environment, service, test or scan)'
    : undefined
}
