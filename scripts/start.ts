// `npm start`: runs the bundled action against the ZadigX simulator the way the GitHub
// runner would, and prints the log, the outputs and the job summary.
// Usage: npm start [-- --workflow release-gate-v3 --version current --speed 60]
import { parseArgs } from 'node:util'
import { startSimulator } from '../simulator/index.js'
import { runBundle } from './local-runner.js'

/** Renders workflow commands the way the runner's log viewer shows them. */
function asRunnerShows(chunk: string): string {
  return chunk
    .split('\n')
    .filter(line => !/^::(add-mask|debug)::/.test(line))
    .map(line =>
      line
        .replace(/^::warning::/, 'Warning: ')
        .replace(/^::error::/, 'Error: ')
        .replace(/%0A/g, '\n  ')
        .replace(/%25/g, '%')
    )
    .join('\n')
}

const { values } = parseArgs({
  options: {
    workflow: { type: 'string', default: 'release-gate' },
    version: { type: 'string', default: 'v1.7' },
    speed: { type: 'string', default: '40' }
  }
})

const sim = await startSimulator({
  version: values.version === 'current' ? 'current' : 'v1.7',
  clock: { mode: 'realtime', speed: Number(values.speed) }
})
console.log(
  `ZadigX simulator (${values.version}) on ${sim.url}, time x${values.speed}`
)
console.log(
  `Running: node dist/index.js (operation trigger, workflow ${values.workflow})\n`
)

try {
  const run = await runBundle(
    {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      workflow: values.workflow ?? 'release-gate',
      inputs: [
        'build:',
        '  service_list:',
        '    - service_name: svc-a',
        '      service_module: svc-a',
        '      repo_info:',
        '        - codehost_name: gitlab-main',
        '          repo_namespace: demo-group',
        '          repo_name: svc-a',
        '          branch: release/1.2'
      ].join('\n'),
      'poll-interval': '1s',
      timeout: '10m'
    },
    {},
    { onStdout: chunk => process.stdout.write(asRunnerShows(chunk)) }
  )
  if (run.stderr) process.stderr.write(run.stderr)
  console.log(`\n--- exit code: ${run.exitCode}`)
  console.log('--- outputs (GITHUB_OUTPUT):')
  for (const [name, value] of Object.entries(run.outputs))
    console.log(
      `${name}: ${value.length > 300 ? value.slice(0, 300) + '…' : value}`
    )
  console.log('--- job summary (GITHUB_STEP_SUMMARY):')
  console.log(run.summary)
  process.exitCode = run.exitCode ?? 1
} finally {
  await sim.close()
}
