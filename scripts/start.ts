// `npm start`: runs the bundled action (dist/index.js) against the ZadigX simulator the
// way the GitHub runner would (inputs as INPUT_* variables, outputs and summary through
// their files) and prints the log as the runner shows it. `npm start -- --help` says how.
import { parseArgs } from 'node:util'
import { applyScenario } from '../simulator/scenario.js'
import { defaultUsers } from '../simulator/users.js'
import {
  PROFILE_ALIASES,
  PROFILE_NAMES,
  startSimulator,
  type ServerVersion
} from '../simulator/index.js'
import { actionInputNames, runBundle, type BundleRun } from './local-runner.js'

const HELP = `Runs the bundled action against the ZadigX simulator, as the GitHub runner would.

  npm start                         the demo: trigger release-gate, wait through its gate
  npm start -- [options] [--<input> <value>]...

Any input of action.yml can be given as --<name> <value> (--operation approve --task-id 11),
or as --input name=value (repeatable). Without --operation the step triggers.

Options:
  --as <user>         act as a simulator user: admin (default), alice (an approver),
                      bob (a project member, not an approver), carol (no project)
  --port <n>          use the simulator already running on port n (see below) instead of
                      starting a fresh one for this run; tasks then survive between calls
  --version <v>       server profile of a fresh simulator (${[...PROFILE_NAMES].join(', ')};
                      aliases v1.7, current); default v1.18 (= ZadigX v1.7)
  --speed <x>         virtual time per real second of a fresh simulator; default 40
  --fail <job>        that configured job fails (repeatable): build, deploy, smoke-test,
                      approve
  --gates manual      approval gates wait for a person (default auto: alice approves
                      after two virtual minutes)
  --help              this text

Keep one simulator across calls:
  npm run sim -- --port 8080 --gates manual             (in another terminal)
  npm start -- --port 8080 --on-approval exit           (stops at the gate: task-id 11)
  npm start -- --port 8080 --operation approve --task-id 11 --as alice
  npm start -- --port 8080 --operation reject --task-id 12 --as alice
  npm start -- --port 8080 --operation cancel --task-id 13
  npm start -- --port 8080 --operation retry --task-id 13 --wait false
The workflow defaults to release-gate; give --workflow build-deploy for the other one.
A failing trigger:  npm start -- --fail deploy --workflow build-deploy`

const DEMO_INPUTS = [
  'build:',
  '  service_list:',
  '    - service_name: svc-a',
  '      service_module: svc-a',
  '      repo_info:',
  '        - codehost_name: gitlab-main',
  '          repo_namespace: demo-group',
  '          repo_name: svc-a',
  '          branch: release/1.2'
].join('\n')

/** Renders workflow commands the way the runner's log viewer shows them. */
function asRunnerShows(chunk: string): string {
  return chunk
    .split('\n')
    .filter(line => !/^::(add-mask|debug)::/.test(line))
    .map(line =>
      line
        .replace(/^::warning::/, 'Warning: ')
        .replace(/^::error::/, 'Error: ')
        .replace(/^::notice::/, 'Notice: ')
        .replace(/%0A/g, '\n  ')
        .replace(/%25/g, '%')
    )
    .join('\n')
}

function readArgs(argv: string[]) {
  const inputs = Object.fromEntries(
    actionInputNames().map(name => [name, { type: 'string' as const }])
  )
  const { values } = parseArgs({
    args: argv,
    options: {
      ...inputs,
      input: { type: 'string', multiple: true, default: [] },
      as: { type: 'string', default: 'admin' },
      port: { type: 'string' },
      version: { type: 'string', default: 'v1.18' },
      speed: { type: 'string', default: '40' },
      fail: { type: 'string', multiple: true, default: [] },
      gates: { type: 'string', default: 'auto' },
      help: { type: 'boolean', default: false }
    }
  })
  return values
}

type Args = ReturnType<typeof readArgs>

/** The step's inputs: the demo's defaults, then --<input>, then --input name=value. */
function stepInputs(args: Args): Record<string, string> {
  const given: Record<string, string> = {}
  for (const name of actionInputNames()) {
    const value = (args as Record<string, unknown>)[name]
    if (typeof value === 'string') given[name] = value
  }
  for (const pair of args.input) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new Error(`--input expects name=value, got ${pair}`)
    given[pair.slice(0, at)] = pair.slice(at + 1)
  }
  const demo = !given.operation || given.operation === 'trigger'
  return {
    project: 'demo',
    // A sped-up simulator moves faster than adaptive polling expects: look every second.
    'poll-interval': '1s',
    'poll-strategy': 'fixed',
    timeout: '10m',
    workflow: 'release-gate',
    ...(demo && !given.workflow ? { inputs: DEMO_INPUTS } : {}),
    ...given
  }
}

function tokenOf(user: string): string {
  const found = defaultUsers().find(u => u.name === user)
  if (!found)
    throw new Error(
      `--as: no simulator user ${user} (admin, alice, bob, carol)`
    )
  return found.token
}

function checkVersion(version: string): ServerVersion {
  const known: string[] = [...PROFILE_NAMES, ...Object.keys(PROFILE_ALIASES)]
  if (!known.includes(version))
    throw new Error(`--version must be one of ${known.join(', ')}`)
  return version as ServerVersion
}

function print(run: BundleRun): void {
  if (run.stderr) process.stderr.write(run.stderr)
  console.log(`\n--- exit code: ${run.exitCode}`)
  console.log('--- outputs (GITHUB_OUTPUT):')
  for (const [name, value] of Object.entries(run.outputs))
    console.log(
      `${name}: ${value.length > 300 ? `${value.slice(0, 300)}…` : value}`
    )
  console.log('--- job summary (GITHUB_STEP_SUMMARY):')
  console.log(run.summary)
}

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  if (args.help) {
    console.log(HELP)
    return 0
  }
  const inputs = stepInputs(args)
  const token = tokenOf(args.as)
  let url: string
  let close = async () => {}
  if (args.port) {
    url = `http://127.0.0.1:${Number(args.port)}`
    console.log(
      `Using the simulator at ${url} (npm run sim -- --port ${args.port})`
    )
  } else {
    if (args.gates !== 'auto' && args.gates !== 'manual')
      throw new Error(`--gates must be auto or manual, got ${args.gates}`)
    const sim = await startSimulator({
      version: checkVersion(args.version),
      clock: { mode: 'realtime', speed: Number(args.speed) }
    })
    const changes = applyScenario(sim, { fail: args.fail, gates: args.gates })
    url = sim.url
    close = () => sim.close()
    console.log(
      `ZadigX simulator (${args.version}) on ${url}, time x${args.speed}${changes.length ? `; ${changes.join('; ')}` : ''}`
    )
  }
  const shown = Object.entries(inputs)
    .filter(([name]) => name !== 'inputs')
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')
  console.log(`Running: node dist/index.js as ${args.as} (${shown})\n`)
  try {
    const run = await runBundle(
      { url, token, ...inputs },
      {},
      { onStdout: chunk => process.stdout.write(asRunnerShows(chunk)) }
    )
    print(run)
    return run.exitCode ?? 1
  } finally {
    await close()
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(
      `npm start: ${err instanceof Error ? err.message : String(err)}`
    )
    console.error('See: npm start -- --help')
    process.exitCode = 2
  }
)
