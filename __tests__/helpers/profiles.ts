// Profile loops for the simulator's version tests: each test states the version a
// behaviour starts at, independently of simulator/profiles.ts, so a wrong switch fails.
import type {
  Profile,
  ProfileName,
  Simulator,
  SimulatorOptions
} from '../../simulator/index.js'
import { PROFILE_NAMES, startSimulator } from '../../simulator/index.js'

/** True when `profile` is `first` or newer. */
export function since(profile: Profile, first: ProfileName): boolean {
  return PROFILE_NAMES.indexOf(profile.name) >= PROFILE_NAMES.indexOf(first)
}

/** Runs `body` against a fresh simulator of `profile`, closing it afterwards. */
export async function withSim<T>(
  profile: Profile,
  body: (sim: Simulator) => Promise<T>,
  options: Omit<SimulatorOptions, 'version'> = {}
): Promise<T> {
  const sim = await startSimulator({ ...options, version: profile.name })
  try {
    return await body(sim)
  } finally {
    await sim.close()
  }
}

/**
 * False on v3.4.0, whose OpenAPI trigger builds nothing: SetPreset empties the
 * build selection before the inputs are matched (koderover/zadig@v3.4.0:
 * pkg/microservice/aslan/core/workflow/service/workflow/controller/workflow.go:71-80).
 */
export function buildsThroughOpenApi(profile: Profile): boolean {
  return profile.name !== 'v3.4.0'
}
