import {
  commitState,
  deploymentState,
  describeResult,
  describeStart
} from '../../src/github/status-text.js'
import type { TaskReport } from '../../src/report.js'

const report = (over: Partial<TaskReport>): TaskReport => ({
  operation: 'trigger',
  projectKey: 'demo',
  workflowKey: 'build-deploy',
  taskId: 12,
  result: 'success',
  stages: [],
  ...over
})

describe('status text', () => {
  it.each([
    [{ durationSeconds: 240 }, 'ZadigX task #12 passed in 4m00s'],
    [
      { result: 'failure', durationSeconds: 65, message: 'job build:\nexit 2' },
      'ZadigX task #12 failed after 1m05s: job build: exit 2'
    ],
    [{ result: 'cancelled' }, 'ZadigX task #12 was cancelled'],
    [{ result: 'waiting-approval' }, 'ZadigX task #12 is waiting for approval'],
    [
      { result: 'failure', taskId: undefined, message: 'registry not found' },
      'ZadigX workflow build-deploy failed: registry not found'
    ]
  ] as const)('%j reads %s', (over, line) => {
    expect(describeResult(report(over))).toBe(line)
  })

  it('stays within 140 characters', () => {
    const line = describeResult(
      report({ result: 'failure', message: 'x'.repeat(500) })
    )
    expect(line).toHaveLength(140)
    expect(line.endsWith('…')).toBe(true)
    expect(describeStart(report({}))).toBe('ZadigX task #12 started')
  })

  it('maps results to GitHub states', () => {
    expect(commitState('running')).toBe('pending')
    expect(deploymentState('running')).toBe('in_progress')
    expect(deploymentState('cancelled')).toBe('error')
    expect(deploymentState('rejected')).toBe('failure')
  })
})
