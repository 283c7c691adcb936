import type { Metafile, Plugin } from 'esbuild'

export interface BrowserBundle {
  code: string
  min: number
  gzip: number
  metafile: Metafile
  /** Every input esbuild read. */
  inputs: string[]
  /** The inputs that left bytes in the output. */
  kept: string[]
  bytesByInput: Record<string, number>
}

export function browserBundle(
  contents: string,
  options: { resolveDir: string; plugins?: Plugin[]; external?: string[]; target?: string },
): Promise<BrowserBundle>
