import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Problem } from '../errors'

/** Bumped whenever generated output changes shape, so older cache entries are ignored. */
export const GENERATOR_VERSION = 'codomyrmex-networking/2'

export interface CacheEntry {
  key: string
  /** Files the output depends on (paths or URLs), to re-hash on the next build. */
  files: string[]
  code: string
  ambient: string
  standalone: string
  warnings: Problem[]
}

/** The key: generator version, the API's options, and every source file's content. */
export function cacheKey(options: unknown, sources: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256').update(GENERATOR_VERSION).update('\0').update(JSON.stringify(options))
  for (const file of [...sources.keys()].sort()) {
    hash.update('\0').update(file).update('\0').update(sources.get(file) as string)
  }
  return hash.digest('hex')
}

/** One JSON file per API under the cache folder; unreadable or foreign entries count as misses. */
export class DiskCache {
  constructor(private readonly dir: string | false) {}

  async read(name: string): Promise<CacheEntry | undefined> {
    if (!this.dir) return undefined
    try {
      const entry = JSON.parse(await readFile(this.file(name), 'utf8')) as CacheEntry
      return typeof entry.key === 'string' && Array.isArray(entry.files) ? entry : undefined
    } catch {
      return undefined
    }
  }

  async write(name: string, entry: CacheEntry): Promise<void> {
    if (!this.dir) return
    await mkdir(this.dir, { recursive: true })
    // Write then rename, so a parallel build never reads half a file.
    const temp = `${this.file(name)}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(entry))
    await rename(temp, this.file(name))
  }

  private file(name: string): string {
    return join(this.dir as string, `${name}.json`)
  }
}
