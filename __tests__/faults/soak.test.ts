// Soak: a few hundred randomized task lifecycles and faults against the bundle, all on
// 127.0.0.1 and bounded in time. For each: the right result, exactly one task created,
// outputs written, the exit code matching the result, and no secret anywhere (a
// hostile server echoes the token in every form; its text issues no command and the
// summary and outputs stay within GitHub's limits). Some runs race a second job with the
// same token whose trigger answer is lost too (each must follow its own task), some are
// cancelled (SIGINT) while their trigger is in flight (the task it started must end
// cancelled).
// SOAK_RUNS and SOAK_SEED reproduce a run (the seed is printed).
import type { ChildProcess } from 'node:child_process'
import type { Socket } from 'node:net'
import { runBundle, visibleLog } from '../../scripts/local-runner.js'
import {
  BAD_GATEWAY_PAGE,
  startSimulator,
  type FaultRule,
  type Simulator
} from '../../simulator/index.js'

const RUNS = Number(process.env.SOAK_RUNS ?? 200)
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 100_000)
const PARALLEL = 4
const TASK = '/openapi/workflows/custom/task'
const HOSTILE_TEXT = [
  ' {authorization} {authorization-base64} {authorization-url} {signature}',
  '\n::warning::pwned <img src=x> https://evil.example #1',
  'H'.repeat(30_000)
].join(' ')

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Lifecycle = 'passed' | 'failed' | 'timeout' | 'approved' | 'rejected'
const RESULT: Record<Lifecycle, string> = {
  passed: 'success',
  failed: 'failure',
  timeout: 'timeout',
  approved: 'success',
  rejected: 'rejected'
}

// Faults on the new task's polls (task 11: the catalog seeds 1..10) or on the trigger.
const POLL = { method: 'GET', path: TASK, query: { taskId: '11' } }
const HOSTILE: Record<string, unknown>[] = [
  { task_id: '11\n::warning::owned' },
  { task_id: 10 },
  { status: 5, 'stages.0.jobs': 'abc' }
]
const FAULTS: Record<string, (n: number) => FaultRule> = {
  '5xx': n => ({
    ...POLL,
    kind: 'status',
    status: 502,
    body: BAD_GATEWAY_PAGE,
    contentType: 'text/html',
    times: n
  }),
  reset: n => ({ ...POLL, kind: 'reset', times: n }),
  stall: () => ({ ...POLL, kind: 'stall' }),
  'truncated-json': n => ({ ...POLL, kind: 'truncated-json', times: n }),
  'invalid-json': n => ({ ...POLL, kind: 'invalid-json', times: n }),
  'lost-trigger': () => ({ method: 'POST', path: TASK, kind: 'lost-response' }),
  // Issue 13: answers too large to hold (polled through), a redirected trigger.
  'huge-body': n => ({
    ...POLL,
    kind: 'huge-body',
    bytes: 20 << 20,
    chunked: n % 2 === 0,
    times: n
  }),
  'gzip-bomb': n => ({ ...POLL, kind: 'gzip-bomb', unpackedMiB: 64, times: n }),
  'redirect-trigger': () => ({
    method: 'POST',
    path: TASK,
    kind: 'redirect',
    status: 307,
    acted: true
  }),
  // Answers the action refuses (hostile text, another task, wrong types): at most as
  // many in a row as the wait looks past, so the lifecycle's result still holds.
  'hostile-answer': n => ({
    ...POLL,
    kind: 'rewrite-json',
    set: HOSTILE[n % HOSTILE.length]!,
    times: Math.min(n, 2)
  }),
  'unknown-status': n => ({
    ...POLL,
    kind: 'rewrite-json',
    set: { status: 'hibernating' },
    times: n
  }),
  // A hostile server: every poll echoes the token into names and errors, with workflow
  // commands, HTML and a few hundred KB of text (enough to clip the stages output).
  'hostile-server': () => ({
    ...POLL,
    kind: 'hostile-text',
    text: HOSTILE_TEXT,
    times: Infinity
  })
}

// The faults that answer the trigger POST themselves.
const TRIGGER_FAULTS = ['lost-trigger', 'redirect-trigger']
// Answers of the task detail the action refuses or cannot read. The lookup after a lost
// trigger answer reads that route within its 20 s window, so a run with a lost answer
// draws none of these.
const UNREADABLE_DETAIL = ['huge-body', 'gzip-bomb', 'hostile-answer']

interface Scenario {
  id: number
  lifecycle: Lifecycle
  faults: { name: string; rule: FaultRule }[]
  /** ZadigX restarts once the task is running. */
  restart: boolean
  /** Another job with the same token triggers too; both answers are lost. */
  race: boolean
  /** The job is cancelled while its trigger is unanswered. */
  sigint: boolean
}

function scenario(id: number, random: () => number): Scenario {
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)] as T
  const lifecycle = pick([
    'passed',
    'failed',
    'timeout',
    'approved',
    'rejected'
  ] as const)
  const race = random() < 0.06
  const sigint = !race && random() < 0.06
  // A cancel mid-trigger has about 4 s to find its task, too little to ride out a
  // fault: those runs draw none (trigger-races.test.ts covers the cancel). A race takes
  // the trigger's answer over: no other fault on the trigger.
  const drawn = sigint
    ? []
    : Object.keys(FAULTS)
        .filter(() => random() < 0.35)
        .filter(name => !race || !TRIGGER_FAULTS.includes(name))
  const answerLost = race || drawn.some(name => TRIGGER_FAULTS.includes(name))
  const names = answerLost
    ? drawn.filter(name => !UNREADABLE_DETAIL.includes(name))
    : drawn
  const faults = names.map(name => ({
    name,
    rule: {
      ...FAULTS[name]!(1 + Math.floor(random() * 3)),
      after: Math.floor(random() * 3)
    } as FaultRule
  }))
  const restart = !sigint && random() < 0.25
  return { id, lifecycle, faults, restart, race, sigint }
}

function script(sim: Simulator, s: Scenario): string {
  const gated = s.lifecycle === 'approved' || s.lifecycle === 'rejected'
  const key = gated ? 'release-gate' : 'build-deploy'
  const wf = sim.workflow(key)
  const build = wf.stages[0]?.jobs[0]
  if (build && !gated)
    build.script = {
      durationSec: 90,
      outcome: s.lifecycle as 'passed' | 'failed' | 'timeout',
      error: 'scripted'
    }
  const gate = wf.stages.find(st => st.approval)
  if (gate?.approval)
    gate.approval.autoDecide = {
      afterSec: 30,
      approve: s.lifecycle === 'approved',
      user: 'alice'
    }
  return key
}

const names = (s: Scenario): string[] => [
  ...s.faults.map(f => f.name),
  ...(s.restart ? ['restart'] : []),
  ...(s.race ? ['race'] : []),
  ...(s.sigint ? ['sigint-trigger'] : [])
]

// Both jobs' triggers create their tasks once both arrived; both answers are lost.
function loseBothAnswers(sim: Simulator): void {
  const held: { create: () => unknown; socket: Socket | null }[] = []
  sim.use(ctx => {
    if (ctx.request.method !== 'POST' || ctx.request.path !== TASK)
      return undefined
    held.push({ create: ctx.next, socket: ctx.res.socket })
    if (held.length === 2)
      for (const h of held) {
        h.create()
        h.socket?.destroy()
      }
    return 'handled'
  })
}

const buildMode = (mode: string) =>
  `build: {service_list: [{service_name: svc-a, service_module: svc-a, inputs: [{key: BUILD_MODE, value: ${mode}}]}]}`

// BUILD_MODE as task `id` ran it.
function modeOf(sim: Simulator, workflow: string, id: string | undefined) {
  const task = sim.tasks(workflow).find(t => String(t.task_id) === id)
  const spec = task?.stages?.[0]?.jobs?.[0]?.spec as
    { envs?: { key: string; value: string }[] } | undefined
  return spec?.envs?.find(e => e.key === 'BUILD_MODE')?.value
}

async function play(s: Scenario): Promise<string[]> {
  const sim = await startSimulator({ advancePerTaskPollMs: 45_000 })
  try {
    const workflow = script(sim, s)
    for (const fault of s.faults) sim.faults.add(fault.rule)
    if (s.race) loseBothAnswers(sim)
    if (s.sigint)
      sim.faults.add({ method: 'POST', path: TASK, kind: 'hang-after-create' })
    const before = sim.tasks(workflow).length
    let restarted: Promise<void> | undefined
    let signalled = 0
    const inputs = {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      workflow,
      'poll-interval': '5ms',
      'poll-strategy': 'fixed',
      'request-timeout': '300ms',
      timeout: '20s'
    }
    const posted = () =>
      sim.requests.some(r => r.method === 'POST' && r.path === TASK)
    const cancelWhenPosted = (child: ChildProcess): void => {
      const timer = setInterval(() => {
        if (signalled || child.exitCode !== null) return clearInterval(timer)
        if (!posted()) return
        signalled = Date.now()
        child.kill('SIGINT')
      }, 5)
    }
    let watching = false
    const [run, rival] = await Promise.all([
      runBundle(
        { ...inputs, ...(s.race ? { inputs: buildMode('mine') } : {}) },
        {},
        {
          onStdout: (chunk, child) => {
            if (s.sigint && !watching) {
              watching = true
              cancelWhenPosted(child)
            }
            if (s.restart && !restarted && chunk.includes(' created: '))
              restarted = sim.restart({ downMs: 30 })
          }
        }
      ),
      s.race ? runBundle({ ...inputs, inputs: buildMode('theirs') }) : undefined
    ])
    await restarted
    const problems: string[] = []
    if (s.restart && !restarted) problems.push('the restart never happened')
    // Cancelled mid-trigger: the main step cancels the task, or (when the faults kept
    // it from finding the task in time) says so and leaves it to the post step.
    const lasted = Date.now() - signalled
    const handedOver =
      s.sigint &&
      run.outputs.result === 'failure' &&
      /post step looks again/.test(run.stdout)
    if (handedOver) {
      const state = Object.entries(run.state).map(([k, v]) => [`STATE_${k}`, v])
      await runBundle(inputs, Object.fromEntries(state), {
        entry: 'dist/post.js'
      })
    }
    const expected = s.sigint ? 'cancelled' : RESULT[s.lifecycle]
    if (run.outputs.result !== expected && !handedOver)
      problems.push(`result ${run.outputs.result} (expected ${expected})`)
    const created = sim.tasks(workflow).length - before
    if (created !== (s.race ? 2 : 1)) problems.push(`${created} tasks created`)
    if (s.sigint) {
      if (!signalled) problems.push('SIGINT was never sent')
      else if (lasted > 10_000)
        problems.push('the step outlived the runner’s 10 s')
      // Cancelled, or ended on its own before the cancel came (never cancelled then).
      const status = sim.tasks(workflow).at(-1)?.status ?? ''
      if (
        !['cancelled', 'passed', 'failed', 'timeout', 'reject'].includes(status)
      )
        problems.push(`the task it started is still ${status}`)
    }
    if (rival) {
      if (modeOf(sim, workflow, run.outputs['task-id']) !== 'mine')
        problems.push(`followed task #${run.outputs['task-id']}, not its own`)
      if (modeOf(sim, workflow, rival.outputs['task-id']) !== 'theirs')
        problems.push(`the rival followed #${rival.outputs['task-id']}`)
    }
    for (const name of [
      'task-id',
      'status',
      'result',
      'task-url',
      'duration',
      'stages'
    ])
      if (run.outputs[name] === undefined)
        problems.push(`output ${name} missing`)
    const ok = expected === 'success'
    if ((run.exitCode === 0) !== ok) problems.push(`exit code ${run.exitCode}`)
    const shown =
      visibleLog(run.stdout) +
      run.stderr +
      run.summary +
      JSON.stringify(run.outputs)
    const header = `Bearer ${sim.token}`
    const forms = [
      sim.token,
      Buffer.from(header).toString('base64'),
      encodeURIComponent(header),
      sim.token.split('.')[2] ?? sim.token
    ]
    if (forms.some(form => shown.includes(form)))
      problems.push('the token leaked')
    if (/^::[\w-]+::(pwned|owned)/m.test(run.stdout))
      problems.push('server text issued a workflow command')
    if (Buffer.byteLength(run.summary) >= 1_000_000)
      problems.push('the summary is over GitHub’s limit')
    if (Buffer.byteLength(run.outputs.stages ?? '') > 256 * 1024)
      problems.push('the stages output is over 256 KB')
    if (problems.length > 0) problems.push(visibleLog(run.stdout).slice(-1500))
    return problems
  } finally {
    await sim.close()
  }
}

it(`survives ${RUNS} randomized lifecycles and faults (seed ${SEED})`, async () => {
  const random = generator(SEED)
  const scenarios = Array.from({ length: RUNS }, (_, i) => scenario(i, random))
  const failures: string[] = []
  const survived: Record<string, number> = {}
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const s = scenarios[next++] as Scenario
      const problems = await play(s)
      if (problems.length > 0)
        failures.push(
          `#${s.id} ${s.lifecycle} [${names(s).join(', ')}]: ${problems.join('; ')}`
        )
      else
        for (const name of names(s)) survived[name] = (survived[name] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  const passed = RUNS - failures.length
  process.stdout.write(
    `soak (seed ${SEED}): faults survived ${JSON.stringify(survived)}\n${failures.map(f => `  ${f.slice(0, 300)}\n`).join('')}${passed} passed, ${failures.length} failed\n`
  )
  expect(failures).toEqual([])
}, 240_000)
