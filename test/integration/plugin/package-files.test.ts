import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { dirname, join, normalize, resolve } from 'node:path/posix'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const run = promisify(execFile)

let shipped: Set<string>

/** The tarball's file list, as `npm pack` computes it from `files` (no build, no tarball written). */
beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 << 20 })
  const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }]
  shipped = new Set(pack.files.map((f) => f.path))
}, 120_000)

/** Relative link targets of a markdown text: `[text](target)`, without anchors or external URLs. */
function relativeLinks(markdown: string): string[] {
  const withoutFences = markdown.replace(/^```[\s\S]*?^```/gm, '')
  return [...withoutFences.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!).filter((target) => target !== '' && !/^[a-z][a-z+.-]*:/i.test(target))
}

describe('the published package', () => {
  it('npm test type-checks src, runtime, test and bench before the suite runs', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    const steps = pkg.scripts.test!.split('&&').map((step) => step.trim())
    expect(steps).toContain('npm run typecheck')
    expect(steps.indexOf('npm run typecheck')).toBeLessThan(steps.findIndex((step) => step.startsWith('vitest run')))
    // Our own TypeScript 5.9 by path: the typescript7 devDependency may own node_modules/.bin/tsc.
    expect(pkg.scripts.typecheck).toMatch(/^node node_modules\/typescript\/bin\/tsc --noEmit/)
  })

  it('ships the MIT licence', async () => {
    expect(shipped.has('LICENSE')).toBe(true)
    expect(await readFile(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })

  it('ships every file the shipped markdown links to, so README links work from node_modules and the registry page', async () => {
    const markdown = [...shipped].filter((path) => path.endsWith('.md'))
    expect(markdown).toContain('README.md')
    const broken: string[] = []
    for (const file of markdown) {
      for (const target of relativeLinks(await readFile(join(ROOT, file), 'utf8'))) {
        const path = normalize(join(dirname(file), target)).replace(/\/$/, '')
        const isFile = shipped.has(path)
        const isFolder = [...shipped].some((p) => p.startsWith(`${path}/`))
        if (!isFile && !isFolder) broken.push(`${file} -> ${target}`)
      }
    }
    expect(broken).toEqual([])
  })
})
