import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { pathToFileURL } from 'node:url'

/** A CLI config file: JSON, or an ES module whose default export is the config. */
export async function loadConfigFile(file: string): Promise<unknown> {
  if (extname(file) === '.json') return JSON.parse(await readFile(file, 'utf8'))
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown }
  return module.default
}
