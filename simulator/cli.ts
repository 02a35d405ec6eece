// A realtime simulator on its own, for trying the action by hand:
//   npm run build:sim
//   npm run sim -- [--port 8080] [--version v1.18|…|v5.0] [--speed 10]
//                  [--fail <job>]... [--gates auto|manual]
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { ServerVersion, Simulator } from './index.js'
import { PROFILE_ALIASES, PROFILE_NAMES, startSimulator } from './index.js'
import { applyScenario, type Scenario } from './scenario.js'

/** Parsed command-line flags. */
interface CliOptions extends Scenario {
  port: number
  version: ServerVersion
  speed: number
}

/** Reads `--port`, `--version` and `--speed`; throws on anything invalid. */
function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8080' },
      version: { type: 'string', default: 'v1.7' },
      speed: { type: 'string', default: '1' },
      fail: { type: 'string', multiple: true, default: [] },
      gates: { type: 'string', default: 'auto' }
    }
  })
  const port = Number(values.port)
  const speed = Number(values.speed)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`)
  const known: string[] = [...PROFILE_NAMES, ...Object.keys(PROFILE_ALIASES)]
  if (!known.includes(values.version))
    throw new Error(
      `--version must be one of ${known.join(', ')}, got ${values.version}`
    )
  if (!(speed > 0)) throw new Error(`--speed must be > 0, got ${values.speed}`)
  if (values.gates !== 'auto' && values.gates !== 'manual')
    throw new Error(`--gates must be auto or manual, got ${values.gates}`)
  return {
    port,
    version: values.version as ServerVersion,
    speed,
    fail: values.fail,
    gates: values.gates
  }
}

/** Starts a realtime simulator, prints how to reach it, stops on SIGINT/SIGTERM. */
async function runCli(argv: string[]): Promise<Simulator> {
  const options = parseCli(argv)
  const sim = await startSimulator({
    port: options.port,
    version: options.version,
    clock: { mode: 'realtime', speed: options.speed }
  })
  const changes = applyScenario(sim, options)
  console.log(
    `ZadigX simulator (${options.version}, ${options.speed}x) at ${sim.url}`
  )
  for (const change of changes) console.log(`  ${change}`)
  console.log(`ZADIGX_URL=${sim.url}`)
  console.log(`ZADIGX_TOKEN=${sim.token}`)
  for (const [user, token] of Object.entries(sim.tokens))
    if (user !== 'admin') console.log(`token of ${user}: ${token}`)
  const shutdown = () => {
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  return sim
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  runCli(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
