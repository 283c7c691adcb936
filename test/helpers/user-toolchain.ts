import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const ROOT = resolve(__dirname, '../..')

/**
 * What a user's app has and this repository does not: TypeScript 7 (npm `latest`, the native
 * port; create-vite's template pins it) and React's types. Installed once from the npm registry
 * (the only registry CI reaches) into node_modules/.cache, as scripts/compat.mjs does for Node.
 */
export const USER_PACKAGES = ['typescript@7.0.2', '@types/react@19.3.2', '@types/react-dom@19.3.0']

const PREFIX = join(ROOT, 'node_modules/.cache/user-toolchain', USER_PACKAGES.join('+').replace(/[@/]/g, '_'))

export interface UserToolchain {
  /** `node_modules` holding the packages. */
  modules: string
  /** TypeScript 7's `tsc` (a native binary behind a Node launcher). */
  tsc7: string
}

export async function userToolchain(): Promise<UserToolchain> {
  const modules = join(PREFIX, 'node_modules')
  const tsc7 = join(modules, 'typescript/bin/tsc')
  if (!existsSync(tsc7)) {
    // Installed aside and moved in, so a concurrent run never sees half a folder.
    const scratch = `${PREFIX}.${process.pid}.tmp`
    await rm(scratch, { recursive: true, force: true })
    await mkdir(scratch, { recursive: true })
    await promisify(execFile)('npm', ['install', '--prefix', scratch, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...USER_PACKAGES], {
      maxBuffer: 16 << 20,
    })
    await rename(scratch, PREFIX).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(tsc7)) throw error
      await rm(scratch, { recursive: true, force: true })
    })
  }
  return { modules, tsc7 }
}
