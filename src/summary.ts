// The job summary and the PR comment: one markdown rendering of a report.
// Everything that came from the server is escaped; only URLs we built are links.
import * as core from '@actions/core'
import { formatDuration } from './duration.js'
import { renderEnvSection } from './env-summary.js'
import { renderQualitySection } from './quality-summary.js'
import { renderStatsSection } from './stats-report.js'
import { scrubDeep } from './secrets.js'
import {
  clip,
  clipDocument,
  ERROR_MAX,
  forMarkdown,
  NAME_MAX
} from './server-text.js'
import type { JobLog, JobReport, StageReport, TaskReport } from './report.js'
import { decidedOutsideZadig } from './zadig/approval-gate.js'
import type { PendingApproval } from './zadig/approval-gate.js'
import { statusIcon, type ActionResult } from './zadig/status.js'

/** The part of `core.summary` this module uses. */
export interface SummaryWriter {
  addRaw(text: string, addEOL?: boolean): SummaryWriter
  write(): Promise<unknown>
}

const BADGE: Record<ActionResult, string> = {
  success: '✅',
  failure: '❌',
  cancelled: '🚫',
  timeout: '⌛',
  rejected: '⛔',
  'waiting-approval': '⏳',
  running: '🔄',
  skipped: '⏭️'
}

/** Untrusted name text for markdown: clipped, then made inert. */
export const inert = (text: unknown): string =>
  forMarkdown(clip(String(text ?? ''), NAME_MAX))

/** Untrusted error or message text for markdown: clipped, then made inert. */
const inertProse = (text: unknown): string =>
  forMarkdown(clip(String(text ?? ''), ERROR_MAX))

/** An http(s) URL fit for link syntax, or null. */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29')
  } catch {
    return null
  }
}

/** `[label](url)` when the URL is a safe http(s) one, else the label alone. */
export function markdownLink(label: string, url: string | undefined): string {
  const href = safeUrl(url)
  return href ? `[${label}](${href})` : label
}

function heading(r: TaskReport): string {
  const key = inert(r.env ? r.env.envKey : r.workflowKey)
  const title = r.workflowName
    ? `${inert(r.workflowName)} (${key})`
    : key || 'ZadigX'
  return `### ${BADGE[r.result] ?? ''} ${r.result} · ${title}`
}

/** What an operation that touched no task did: what it returned, or that it stopped. */
function withoutTask(r: TaskReport): string {
  const parts: string[] = []
  if (r.operation) parts.push(`Operation **${inert(r.operation)}**`)
  if (r.projectKey) parts.push(`project ${inert(r.projectKey)}`)
  if (Array.isArray(r.data)) {
    const n = r.data.length
    parts.push(
      `returned ${n} ${n === 1 ? 'entry' : 'entries'} (output \`data\`)`
    )
  } else if (r.data !== undefined) parts.push('returned output `data`')
  else if (r.result === 'failure')
    parts.push('stopped before acting on any task')
  else parts.push('no task involved')
  const text = parts.join(' · ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function details(r: TaskReport): string {
  if (r.taskId === undefined && !r.taskUrl) return withoutTask(r)
  const parts: string[] = []
  if (r.env) return envDetails(r)
  const task = r.taskId === undefined ? 'Task' : `Task #${r.taskId}`
  parts.push(markdownLink(task, r.taskUrl))
  if (r.status) parts.push(`status **${inert(r.status)}**`)
  if (r.durationSeconds !== undefined)
    parts.push(
      `duration **${formatDuration(r.durationSeconds * 1000, 'clock')}**`
    )
  if (r.operation) parts.push(`operation ${inert(r.operation)}`)
  if (r.projectKey) parts.push(`project ${inert(r.projectKey)}`)
  return parts.join(' · ')
}

function envDetails(r: TaskReport): string {
  const parts = [`operation ${inert(r.operation)}`]
  if (r.projectKey) parts.push(`project ${inert(r.projectKey)}`)
  return parts.join(' · ')
}

function approvalLine(gate: PendingApproval, taskUrl?: string): string {
  const where =
    gate.model === 'stage'
      ? `stage **${inert(gate.stage)}**`
      : `job **${inert(gate.label)}** in stage **${inert(gate.stage)}**`
  const about = gate.description ? `: ${inertProse(gate.description)}` : ''
  const go = (label: string): string =>
    safeUrl(taskUrl) ? ` ${markdownLink(label, taskUrl)}` : ''
  const app = decidedOutsideZadig(gate)
  if (app)
    return (
      `> ⏳ Waiting for ${where} to be decided in ${app} ` +
      `(${inert(gate.type)} approval)${about}.${go('Task in ZadigX')}`
    )
  const who = gate.approvers.length
    ? gate.approvers.map(inert).join(', ')
    : 'an allowed approver'
  const needed = gate.neededApprovers ? `, ${gate.neededApprovers} needed` : ''
  return (
    `> ⏳ Waiting for approval of ${where} by ${who} ` +
    `(${inert(gate.type)} approval${needed})${about}.${go('Approve in ZadigX')}`
  )
}

function statusCell(status: string): string {
  return status ? `${statusIcon(status)} ${inert(status)}` : '· not started'
}

function jobRow(stage: string, job: JobReport | undefined): string {
  const duration = job?.durationSeconds
  const cells = [
    stage,
    job ? inert(job.name) : '—',
    job ? statusCell(job.status) : '',
    duration === undefined ? '' : formatDuration(duration * 1000, 'clock')
  ]
  return `| ${cells.join(' | ')} |`
}

function stageRows(stage: StageReport): string[] {
  const name = `${statusIcon(stage.status)} ${inert(stage.name)}`
  if (stage.jobs.length === 0) return [jobRow(name, undefined)]
  // The stage name on its first row only: the table reads as a tree.
  return stage.jobs.map((job, i) => jobRow(i === 0 ? name : '', job))
}

function table(stages: StageReport[]): string[] {
  if (stages.length === 0) return []
  return [
    '| Stage | Job | Status | Duration |',
    '| --- | --- | --- | --- |',
    ...stages.flatMap(stageRows),
    ''
  ]
}

function errors(stages: StageReport[]): string[] {
  const lines = stages.flatMap(stage =>
    stage.jobs
      .filter(job => job.error)
      .map(
        job =>
          `- **${inert(job.name)}**: ${inertProse(clip(job.error ?? '', 500))}`
      )
  )
  return lines.length ? ['**Errors**', '', ...lines, ''] : []
}

// The job summary holds at most 1 MiB per step: each job's log block keeps the end of
// its lines within LOG_BLOCK_CHARS, and all blocks together stay within LOG_TOTAL_CHARS.
const LOG_BLOCK_CHARS = 64 * 1024
const LOG_TOTAL_CHARS = 512 * 1024

// A fence longer than any backtick run in the text, so the text cannot close it.
function fence(lines: string[]): string {
  const longest = Math.max(
    0,
    ...lines.map(l =>
      Math.max(0, ...[...l.matchAll(/`+/g)].map(m => m[0].length))
    )
  )
  return '`'.repeat(Math.max(3, longest + 1))
}

function lastLinesWithin(lines: string[], max: number): string[] {
  const kept: string[] = []
  let size = 0
  for (let i = lines.length - 1; i >= 0; i--) {
    size += (lines[i] as string).length + 1
    if (size > max) break
    kept.unshift(lines[i] as string)
  }
  return kept
}

function logBlock(
  entry: JobLog,
  tail: number | undefined,
  budget: number
): string[] {
  const wanted = tail === undefined ? entry.lines : entry.lines.slice(-tail)
  const lines = lastLinesWithin(wanted, Math.min(LOG_BLOCK_CHARS, budget))
  if (lines.length === 0) return []
  const what = `${inert(entry.job)} (${inert(entry.status)}): last ${lines.length} of ${entry.total} log lines`
  const f = fence(lines)
  return [
    `<details><summary>❌ ${what}</summary>`,
    '',
    `${f}text`,
    ...lines,
    f,
    '',
    '</details>',
    ''
  ]
}

function logBlocks(
  logs: JobLog[] | undefined,
  options: RenderOptions
): string[] {
  if (!logs?.length) return []
  const out = ['**Logs of failed jobs**', '']
  const tail = options.logTail
  let budget = options.logChars ?? LOG_TOTAL_CHARS
  for (const entry of logs) {
    const block = logBlock(entry, tail, budget)
    budget -= block.reduce((n, l) => n + l.length + 1, 0)
    out.push(...block)
  }
  return out.length > 2 ? out : []
}

/** Rendering choices: the PR comment shows only the last `logTail` lines of each log. */
export interface RenderOptions {
  logTail?: number
  /** Characters all log blocks may take (default: what the job summary allows). */
  logChars?: number
}

/**
 * The report as markdown (secrets scrubbed): heading, task line, approval, failure,
 * stage table, failed jobs' logs.
 */
export function renderSummaryMarkdown(
  untrustedReport: TaskReport,
  options: RenderOptions = {}
): string {
  // Secrets go before any clipping or escaping, which would hide them from scrub().
  const report = scrubDeep(untrustedReport)
  const lines = [heading(report), '', details(report), '']
  if (report.pendingApproval)
    lines.push(approvalLine(report.pendingApproval, report.taskUrl), '')
  if (report.message)
    lines.push(`**Message:** ${inertProse(report.message)}`, '')
  if (report.env) lines.push(...renderEnvSection(report.env))
  if (report.quality) lines.push(...renderQualitySection(report.quality))
  if (report.stats) lines.push(...renderStatsSection(report.stats))
  const stages = report.stages ?? []
  lines.push(...table(stages), ...errors(stages))
  lines.push(...logBlocks(report.jobLogs, options))
  return lines.join('\n')
}

// GitHub refuses a step summary over 1 MiB (and shows none of it); stay well under.
const SUMMARY_MAX_BYTES = 1_000_000
const SUMMARY_CLIPPED =
  '\n\n… (clipped to GitHub’s size limit of a job summary; the task in ZadigX has the rest)\n'

/** Appends the report to the job summary, clipped to GitHub's size limit. */
export async function writeSummary(
  report: TaskReport,
  summary: SummaryWriter = core.summary
): Promise<void> {
  const markdown = clipDocument(
    renderSummaryMarkdown(report),
    SUMMARY_MAX_BYTES,
    SUMMARY_CLIPPED,
    'bytes'
  )
  await summary.addRaw(markdown, true).write()
}
