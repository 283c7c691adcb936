import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

/**
 * What a user's app has besides our package: TypeScript 7 (npm `latest`, the native port;
 * create-vite's template pins it) and React's types. All are devDependencies (TypeScript 7 under
 * the alias `typescript7`, beside our own 5.9), so `npm ci` installs them from the lock file and no
 * test installs anything.
 */
export interface UserToolchain {
  /** `node_modules` holding the packages. */
  modules: string
  /** TypeScript 7's `tsc` (a native binary behind a Node launcher). */
  tsc7: string
}

export async function userToolchain(): Promise<UserToolchain> {
  const modules = join(ROOT, 'node_modules')
  const tsc7 = join(modules, 'typescript7/bin/tsc')
  for (const path of [tsc7, join(modules, '@types/react'), join(modules, '@types/react-dom'), join(modules, 'csstype')]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci (it is a devDependency)`)
  }
  return { modules, tsc7 }
}
