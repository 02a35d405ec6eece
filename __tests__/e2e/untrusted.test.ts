// End-to-end: text from the server is untrusted. Job errors and names that carry workflow
// commands or markup must not act on the runner or the job summary.
import { runBundle } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 60_000 })
})

afterEach(async () => {
  await sim.close()
})

const HOSTILE_ERROR =
  'boom\n::add-mask::hunter2\n::error::fake failure\n::set-output name=result::success\n::stop-commands::x'

it('neutralises workflow commands and markup from the server', async () => {
  const workflow = sim.workflow('build-deploy')
  workflow.name =
    'Deploy <img src=x onerror=alert(1)> [click](javascript:alert(1)) | x'
  const job = workflow.stages[0]?.jobs[0]
  if (job)
    job.script = { durationSec: 30, outcome: 'failed', error: HOSTILE_ERROR }
  const run = await runBundle({
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '10ms'
  })
  expect(run.exitCode).toBe(1)
  const lines = run.stdout.split('\n')
  // Only the action's own commands: the masks of the token's forms (src/secrets.ts), the
  // failure, nothing from the server.
  const commands = lines.filter(l => /^\s*::/.test(l))
  for (const line of commands)
    expect(line).toMatch(/^::(add-mask::|error::Task #|debug::)/)
  expect(lines).toContain(`::add-mask::${sim.token}`)
  expect(lines.some(l => /^\s*::add-mask::hunter2/.test(l))).toBe(false)
  expect(lines.some(l => /^\s*::stop-commands::/.test(l))).toBe(false)
  expect(run.outputs.result).toBe('failure')
  expect(run.stdout).toContain('boom')
  // The summary shows the text, but as text.
  expect(run.summary).not.toMatch(/<img/i)
  expect(run.summary).not.toMatch(/\]\(javascript:/)
  expect(run.summary).toContain('&lt;img')
})
