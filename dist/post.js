// The post step (action.yml runs.post): the same bundle as the main step.
globalThis.__zadigxPostStep = true
await import('./index.js')
