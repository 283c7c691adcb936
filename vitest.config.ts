import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/.tmp/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Type tests (*.test-d.ts) check what users see in the editor; they run with the suite.
    // TypeScript 5.9 by path: the `typescript7` devDependency (tsc 7 checks of generated code) also links a `tsc` bin.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.json', checker: 'node_modules/typescript/bin/tsc' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'runtime/**/*.ts'],
      exclude: ['**/*.d.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 80 },
    },
  },
})
