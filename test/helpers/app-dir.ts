import { cp, mkdir, mkdtemp, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

/**
 * A copy of a fixture app outside the repository, as a user's project: its node_modules holds
 * only links to what it installed (the package, vite, …), so nothing else the repository has
 * (msw, for one) can be found from it. Returns the app's folder.
 */
export async function appDir(fixture: string, links: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codomyrmex-app-'))
  await cp(join(ROOT, 'test/fixtures', fixture), dir, { recursive: true })
  const all: Record<string, string> = {
    '@codomyrmex/networking': ROOT,
    vite: join(ROOT, 'node_modules/vite'),
    '@types/node': join(ROOT, 'node_modules/@types/node'),
    ...links,
  }
  for (const [name, target] of Object.entries(all)) {
    const link = join(dir, 'node_modules', name)
    await mkdir(dirname(link), { recursive: true })
    await symlink(target, link, 'junction')
  }
  return dir
}
