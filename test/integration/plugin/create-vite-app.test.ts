import { execFile } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { appDir } from '../../helpers/app-dir'
import { userToolchain, type UserToolchain } from '../../helpers/user-toolchain'

/**
 * create-vite's `react-ts` template runs `tsc -b && vite build`: on a fresh clone or in CI, tsc
 * runs before any build has written the declarations. With `codomyrmex-api sync` as the app's
 * `prepare` script it must pass, with the user's TypeScript 7 and with our 5.9, and a mistyped
 * API name must still fail. The app is a copy outside the repository: no msw can be found from it.
 */
const ROOT = resolve(__dirname, '../../..')
const BIN = join(ROOT, 'dist/plugin/cli.mjs')
const TSC5 = join(ROOT, 'node_modules/typescript/bin/tsc')
const run = promisify(execFile)

let toolchain: UserToolchain

beforeAll(async () => {
  toolchain = await userToolchain()
}, 300_000)

async function newApp(): Promise<string> {
  const { modules } = toolchain
  return appDir('vite-react-ts', {
    '@types/react': join(modules, '@types/react'),
    '@types/react-dom': join(modules, '@types/react-dom'),
    csstype: join(modules, 'csstype'),
  })
}

/** `npm run prepare` without npm: the bin the package installs, run in the app. */
async function sync(app: string): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, 'sync'], { cwd: app })
  return stdout
}

/** `tsc -b` as the template's build script runs it; a fresh build each time (no tsbuildinfo). */
async function tscBuild(tsc: string, app: string): Promise<{ code: number; output: string }> {
  await rm(join(app, 'node_modules/.tmp'), { recursive: true, force: true })
  return run(process.execPath, [tsc, '-b'], { cwd: app, maxBuffer: 16 << 20 }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  )
}

const compilers = (): Array<[string, string]> => [
  ['TypeScript 5.9', TSC5],
  ['TypeScript 7', toolchain.tsc7],
]

describe('a create-vite React + TypeScript app', () => {
  it('fails tsc -b on a fresh clone, and passes once `codomyrmex-api sync` has run (TypeScript 5.9 and 7)', async () => {
    const app = await newApp()
    const fresh = await tscBuild(TSC5, app)
    expect(fresh.code).not.toBe(0)
    expect(fresh.output).toContain("Cannot find module 'virtual:api/petstore'")
    expect(await sync(app)).toBe('wrote api-clients.d.ts\n')
    for (const [label, tsc] of compilers()) expect(await tscBuild(tsc, app), label).toEqual({ code: 0, output: '' })
    expect(await sync(app)).toBe('unchanged api-clients.d.ts\n')
  }, 180_000)

  it('the declaration file checks under skipLibCheck: false without msw installed', async () => {
    const app = await newApp()
    const config = join(app, 'tsconfig.app.json')
    await writeFile(config, (await readFile(config, 'utf8')).replace('"skipLibCheck": true', '"skipLibCheck": false'))
    // The mocks module's declarations (with their msw import) are written once a file imports it.
    await writeFile(join(app, 'src/mocks.ts'), `import handlers from 'virtual:api/petstore/mocks'\nexport const count = handlers.length\n`)
    await sync(app)
    expect(await readFile(join(app, 'api-clients.d.ts'), 'utf8')).toContain('declare module "virtual:api/petstore/mocks"')
    for (const [label, tsc] of compilers()) expect(await tscBuild(tsc, app), label).toEqual({ code: 0, output: '' })
  }, 180_000)

  it('a mistyped API name fails: the generated file declares only the registered APIs', async () => {
    const app = await newApp()
    const file = join(app, 'src/App.tsx')
    await writeFile(file, (await readFile(file, 'utf8')).replace("'virtual:api/petstore'", "'virtual:api/petstor'"))
    await sync(app)
    for (const [label, tsc] of compilers()) {
      const result = await tscBuild(tsc, app)
      expect(result.code, label).not.toBe(0)
      expect(result.output, label).toMatch(/src\/App\.tsx\(2,\d+\): error TS2307: Cannot find module 'virtual:api\/petstor'/)
    }
  }, 180_000)
})
