import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { scanImports, type ImportSet } from './imports'

/** Files that can import a module: scripts and the single-file components of the usual frameworks. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/
/** Larger files are not hand-written sources (bundles, fixtures): skipping them bounds the scan. */
const MAX_BYTES = 2 << 20

/**
 * The `virtual:api/*` imports of every source file under `root`, by file: what `sync` types
 * before any build, and what a build starts from before its transforms refine it. Skips
 * `node_modules`, dot-folders (`.git`, caches), `skip` (absolute folders) and declaration files
 * (ours holds `import type … from 'virtual:api/…'` lines itself).
 */
export async function scanProject(root: string, skip: readonly string[] = []): Promise<Map<string, ImportSet>> {
  const found = new Map<string, ImportSet>()
  const folders = [root]
  while (folders.length > 0) {
    const folder = folders.pop() as string
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    // Sorted, so the walk (and anything derived from its order) is the same on every machine.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.') && !skip.includes(path)) folders.push(path)
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        const size = (await stat(path).catch(() => undefined))?.size ?? MAX_BYTES
        if (size >= MAX_BYTES) continue
        const imports = scanImports(await readFile(path, 'utf8').catch(() => ''))
        if (imports.size > 0) found.set(path, imports)
      }
    }
  }
  return found
}
