import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Problem } from '../errors'
import { isRemote } from '../spec/remote'

/**
 * Entries from another generator are ignored: the version names the output's shape, and the
 * hash of the file holding this code (in a published build, the bundle with the whole generator)
 * catches every other change.
 */
export const GENERATOR_VERSION = `codomyrmex-networking/11+${ownHash()}`

function ownHash(): string {
  try {
    return createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex')
      .slice(0, 12)
  } catch {
    return 'unknown'
  }
}

/** Size and modification time of a local source file: unchanged stats skip re-reading it. */
export type FileStamp = [size: number, mtimeMs: number]

export interface CacheEntry {
  key: string
  /** The API's options as recorded, compared before trusting file stamps. */
  optionsKey: string
  /** Files the output depends on (paths or URLs), to re-check on the next build. */
  files: string[]
  stamps: Record<string, FileStamp>
  code: string
  /** The Vite dev server's variant of `code` (see hmr/hot-module). */
  hot: string
  ambient: string
  standalone: string
  /** `virtual:api/<name>/query` and its ambient declarations. */
  query: string
  queryAmbient: string
  warnings: Problem[]
}

/** Declarations typing one import set of an API (`selection`, see dts/imports `selectionKey`). */
export interface SelectedDeclarations {
  key: string
  selection: string
  ambient: string
}

type Meta = Omit<CacheEntry, 'code' | 'hot' | 'ambient' | 'standalone' | 'query' | 'queryAmbient'> & { version: string }

/** The key: generator version, the API's options, and every source file's content. */
export function cacheKey(options: unknown, sources: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256').update(GENERATOR_VERSION).update('\0').update(JSON.stringify(options))
  for (const file of [...sources.keys()].sort()) {
    hash
      .update('\0')
      .update(file)
      .update('\0')
      .update(sources.get(file) as string)
  }
  return hash.digest('hex')
}

export async function stampFiles(files: readonly string[]): Promise<Record<string, FileStamp>> {
  const stamps: Record<string, FileStamp> = {}
  for (const file of files) {
    if (isRemote(file)) continue
    const info = await stat(file)
    stamps[file] = [info.size, info.mtimeMs]
  }
  return stamps
}

/** True when every local file still has the recorded size and mtime (remote files never do). */
export async function stampsMatch(entry: Pick<CacheEntry, 'files' | 'stamps'>): Promise<boolean> {
  try {
    for (const file of entry.files) {
      const recorded = entry.stamps[file]
      if (!recorded) return false
      const info = await stat(file)
      if (info.size !== recorded[0] || info.mtimeMs !== recorded[1]) return false
    }
    return true
  } catch {
    return false
  }
}

/** The generated texts of one entry, by file extension, in CacheEntry order. */
const TEXTS = ['js', 'hot.js', 'ambient.d.ts', 'd.ts', 'query.js', 'query.d.ts']

/**
 * Per API: a small `meta.json` plus the generated texts as plain files, so a warm start parses a
 * few hundred bytes of JSON instead of megabytes. Texts are named by key and written before the
 * meta that points at them, so a reader never pairs a meta with another build's output.
 */
export class DiskCache {
  constructor(private readonly dir: string | false) {}

  async read(name: string): Promise<CacheEntry | undefined> {
    if (!this.dir) return undefined
    try {
      const meta = JSON.parse(await readFile(join(this.dir, name, 'meta.json'), 'utf8')) as Meta
      if (meta.version !== GENERATOR_VERSION || typeof meta.key !== 'string' || !Array.isArray(meta.files)) return undefined
      const [code, hot, ambient, standalone, query, queryAmbient] = await Promise.all(
        TEXTS.map((ext) => readFile(join(this.dir as string, name, `${meta.key}.${ext}`), 'utf8')),
      )
      return {
        key: meta.key,
        optionsKey: meta.optionsKey,
        files: meta.files,
        stamps: meta.stamps ?? {},
        warnings: meta.warnings ?? [],
        code: code as string,
        hot: hot as string,
        ambient: ambient as string,
        standalone: standalone as string,
        query: query as string,
        queryAmbient: queryAmbient as string,
      }
    } catch {
      return undefined
    }
  }

  /** The declarations built for one import set (see ApiContext), if they belong to the entry `key`. */
  async readSelected(name: string, key: string): Promise<SelectedDeclarations | undefined> {
    if (!this.dir) return undefined
    try {
      const saved = JSON.parse(await readFile(join(this.dir, name, `${key}.selected.json`), 'utf8')) as SelectedDeclarations
      return saved.key === key && typeof saved.selection === 'string' && typeof saved.ambient === 'string' ? saved : undefined
    } catch {
      return undefined
    }
  }

  /** One import set per API: the last one built (a new entry's `write` removes it with the folder). */
  async writeSelected(name: string, selected: SelectedDeclarations): Promise<void> {
    if (!this.dir) return
    const file = join(this.dir, name, `${selected.key}.selected.json`)
    const temp = `${file}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(selected))
    await rename(temp, file)
  }

  async write(name: string, entry: CacheEntry): Promise<void> {
    if (!this.dir) return
    const folder = join(this.dir, name)
    await rm(folder, { recursive: true, force: true })
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, `${entry.key}.js`), entry.code)
    await writeFile(join(folder, `${entry.key}.hot.js`), entry.hot)
    await writeFile(join(folder, `${entry.key}.ambient.d.ts`), entry.ambient)
    await writeFile(join(folder, `${entry.key}.d.ts`), entry.standalone)
    await writeFile(join(folder, `${entry.key}.query.js`), entry.query)
    await writeFile(join(folder, `${entry.key}.query.d.ts`), entry.queryAmbient)
    const meta: Meta = {
      version: GENERATOR_VERSION,
      key: entry.key,
      optionsKey: entry.optionsKey,
      files: entry.files,
      stamps: entry.stamps,
      warnings: entry.warnings,
    }
    const temp = join(folder, `meta.json.${process.pid}.tmp`)
    await writeFile(temp, JSON.stringify(meta))
    await rename(temp, join(folder, 'meta.json'))
  }
}
