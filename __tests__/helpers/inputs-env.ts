// Action inputs through process.env, as the runner passes them. Nothing here
// imports src/, so a test may mock @actions/core before it loads src/inputs.ts.

/** Sets INPUT_<NAME> for each input, as the runner does (spaces to _, upper case). */
export function setInputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
}

/** Clears INPUT_* and ZADIGX_* before each test and restores process.env after it. */
export function isolateInputEnv(): void {
  const saved = { ...process.env }
  beforeEach(() => {
    for (const key of Object.keys(process.env)) {
      if (/^(INPUT_|ZADIGX_)/.test(key)) delete process.env[key]
    }
  })
  afterEach(() => {
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) delete process.env[key]
    }
    Object.assign(process.env, saved)
  })
}
