// `npm run bench`: what the action costs, as medians over repeated runs on this
// machine: bundle size, cold start, peak memory, and requests and detection latency
// of adaptive against fixed polling on the simulator's virtual clock. A script that
// prints figures, never a test: nothing here passes or fails.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runInProcess } from '../__tests__/helpers/in-process.js'
import { defaultCatalog, startSimulator } from '../simulator/index.js'
import { benchEnv } from './bench-env.js'
import { repoRoot } from './local-runner.js'

const ROOT = repoRoot()
const COLD_RUNS = 15
const RSS_RUNS = 3
const POLL_RUNS = 10
// The seeded history of the simulator: ten passed runs of 8-12 minutes.
const HISTORY_10_MIN = [540, 600, 660, 720, 480, 570, 630, 690, 510, 600]

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

function bundleSize(): string {
  const dist = join(ROOT, 'dist')
  const files = filesUnder(dist)
  const total = files.reduce((t, f) => t + statSync(f).size, 0)
  const js = files
    .filter(f => f.endsWith('.js'))
    .map(f => `${f.slice(dist.length + 1)} ${mb(statSync(f).size)}`)
  const mib = (total / 1024 / 1024).toFixed(2)
  return `dist/ ${mb(total)} = ${mib} MiB (${js.join(', ')}) · target < 1.5 MB`
}

/** Spawns node with `args`: ms to the first request (then kills it), or to its exit. */
function timed(
  args: string[],
  env: NodeJS.ProcessEnv,
  firstRequest?: { at: number | null }
): Promise<number> {
  const start = performance.now()
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' })
  return new Promise(resolve => {
    const poll = setInterval(() => {
      if (firstRequest?.at == null) return
      clearInterval(poll)
      child.kill('SIGKILL')
    }, 1)
    child.on('close', () => {
      clearInterval(poll)
      const end = firstRequest?.at ?? performance.now()
      resolve(end - start)
    })
  })
}

// Job inputs as most trigger steps give them: YAML, so the YAML parser is loaded
// (a chunk of its own) and run before the first request.
const YAML_INPUTS = [
  'build:',
  '  service_list:',
  '    - service_name: svc-a',
  '      service_module: svc-a'
].join('\n')

async function coldStart(): Promise<string[]> {
  const sim = await startSimulator()
  const first = { at: null as number | null }
  sim.use(() => {
    first.at ??= performance.now()
    return undefined
  })
  const plain = benchEnv({
    url: sim.url,
    token: sim.token,
    workflow: 'build-deploy'
  })
  const withYaml = benchEnv({
    url: sim.url,
    token: sim.token,
    workflow: 'build-deploy',
    inputs: YAML_INPUTS
  })
  const bare: number[] = []
  const bundle: number[] = []
  const yaml: number[] = []
  const index = join(ROOT, 'dist/index.js')
  try {
    // Interleaved, so a slower moment of the machine hits all three alike.
    for (let i = 0; i < COLD_RUNS; i++) {
      bare.push(await timed(['-e', '0'], plain.env))
      first.at = null
      bundle.push(await timed([index], plain.env, first))
      first.at = null
      yaml.push(await timed([index], withYaml.env, first))
    }
  } finally {
    plain.cleanup()
    withYaml.cleanup()
    await sim.close()
  }
  const b = median(bare)
  const line = (label: string, runs: number[]): string =>
    `${label} ${median(runs).toFixed(0)} ms · ratio ${(median(runs) / b).toFixed(2)}x`
  return [
    `node -e 0 ${b.toFixed(0)} ms (process start to exit) · ${COLD_RUNS} runs each`,
    `${line('node dist/index.js (trigger) to first request', bundle)} · target <= 2x`,
    line('the same with YAML `inputs` (loads the YAML parser)', yaml)
  ]
}

function vmHwmKb(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  } catch {
    return 0 // the process has just exited
  }
}

/** One run of the bundle through a one-hour task; an hour of virtual time passes in seconds. */
async function peakRssOnce(): Promise<number> {
  const sim = await startSimulator({ advancePerTaskPollMs: 60_000 })
  const job = sim.workflow('build-deploy').stages[0]?.jobs[0]
  if (job) job.script = { durationSec: 3600, outcome: 'passed' }
  const env = benchEnv({
    url: sim.url,
    token: sim.token,
    workflow: 'build-deploy',
    'poll-interval': '10ms',
    timeout: '2h'
  })
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], {
    env: env.env,
    stdio: 'ignore'
  })
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, vmHwmKb(child))), 10)
  await new Promise(resolve => child.on('close', resolve))
  clearInterval(sampler)
  env.cleanup()
  await sim.close()
  return peak * 1024
}

async function peakRss(): Promise<string> {
  const peaks: number[] = []
  for (let i = 0; i < RSS_RUNS; i++) peaks.push(await peakRssOnce())
  return `${mb(median(peaks))} (VmHWM of node dist/index.js over a one-hour task, ${RSS_RUNS} runs) · target < 80 MB`
}

interface PollCase {
  minutes: number
  history: boolean
  label: string
  inputs: Record<string, string>
}

/** One in-process run on the virtual clock: [requests, latency ms]. */
async function pollOnce(c: PollCase, jitterSec: number): Promise<number[]> {
  const seconds = c.minutes * 60
  const scale = seconds / 600
  const catalog = defaultCatalog().map(w =>
    w.key !== 'build-deploy'
      ? w
      : {
          ...w,
          history: c.history
            ? HISTORY_10_MIN.map(d => ({ durationSec: Math.round(d * scale) }))
            : []
        }
  )
  const sim = await startSimulator({ workflows: catalog })
  const [build, deploy] = sim.workflow('build-deploy').stages
  const half = Math.round(seconds / 2)
  const set = (
    job: { script: { durationSec: number } } | undefined,
    s: number
  ) => job && (job.script = { ...job.script, durationSec: s })
  // The jitter goes to the last stage: it moves the end against every anchor.
  set(build?.jobs[0], half)
  set(deploy?.jobs[0], seconds - half + jitterSec)
  try {
    const run = await runInProcess(sim, {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      workflow: 'build-deploy',
      timeout: '3h',
      ...c.inputs
    })
    const task = sim.tasks('build-deploy').at(-1)
    if (run.outputs.result !== 'success' || !task?.end_time)
      throw new Error(`bench run did not pass: ${run.stdout}`)
    return [sim.requests.length, sim.clock.now() - task.end_time * 1000]
  } finally {
    await sim.close()
  }
}

const STRATEGIES: [string, Record<string, string>][] = [
  ['shipped (adaptive, 5s)', {}],
  ['fixed 5s', { 'poll-strategy': 'fixed', 'poll-interval': '5s' }],
  ['fixed 10s', { 'poll-strategy': 'fixed', 'poll-interval': '10s' }]
]

function pollCases(): PollCase[] {
  const cases: PollCase[] = []
  for (const minutes of [1, 10, 60]) {
    for (const [label, inputs] of STRATEGIES)
      cases.push({ minutes, history: true, label, inputs })
    cases.push({
      minutes,
      history: false,
      label: 'shipped, no history',
      inputs: {}
    })
  }
  return cases
}

async function polling(): Promise<string[]> {
  const rows = [
    'task    history        strategy                 requests   latency',
    '------  -------------  -----------------------  --------  --------'
  ]
  for (const c of pollCases()) {
    const requests: number[] = []
    const latency: number[] = []
    for (let i = 0; i < POLL_RUNS; i++) {
      const [r, l] = await pollOnce(c, i)
      requests.push(r ?? 0)
      latency.push(l ?? 0)
    }
    const history = c.history
      ? `${(c.minutes * 0.8).toFixed(1)}-${(c.minutes * 1.2).toFixed(1)} min`
      : 'none'
    rows.push(
      [
        `${c.minutes} min`.padEnd(6),
        history.padEnd(13),
        c.label.padEnd(23),
        String(median(requests)).padStart(8),
        `${(median(latency) / 1000).toFixed(1)} s`.padStart(8)
      ].join('  ')
    )
  }
  return rows
}

const t0 = performance.now()
console.log(
  `zadigx-action benchmark · node ${process.version} · ${availableParallelism()} CPUs · medians\n`
)
console.log(`bundle      ${bundleSize()}`)
const [bare, ...starts] = await coldStart()
console.log(`cold start  ${bare}`)
for (const start of starts) console.log(`            ${start}`)
console.log(`peak RSS    ${await peakRss()}`)
console.log(
  `\nrequests (all, history included) and detection latency (task end to action exit),`
)
console.log(
  `run() in process on the virtual clock, ${POLL_RUNS} runs per row (task length +0..${POLL_RUNS - 1} s):\n`
)
for (const row of await polling()) console.log(row)
console.log(
  '\ntarget: 10 min task, 8-12 min history: <= 60 requests, latency <= 3 s'
)
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s)`)
