/** Jest 30 + ts-jest in native ESM mode (see STYLE.md, Toolchain). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.check.json', diagnostics: false }
    ]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  setupFiles: ['<rootDir>/__tests__/helpers/quiet-stdout.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90, statements: 88, branches: 75 } },
  testTimeout: 20000,
  // Jest's default is one worker less than the cores: one worker on a 2-core
  // runner. The end-to-end suites spend much of their time waiting on child
  // processes and sockets, so two workers finish the run in about 60% of the time.
  maxWorkers: 2
}
