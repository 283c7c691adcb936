import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

type Timers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void }

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Editors that save in two steps (truncate, then write) make the watcher report a document that is
 * empty or half written. A regeneration that fails right after a change is therefore not shown at
 * once: the page keeps the last good module, and the failure is shown only once the file has kept
 * the content that failed for `waitMs` (then `retry` runs the change again, and `failed` answers
 * true for that content). A newer change ends the wait: its own regeneration decides.
 */
export class PartialSaves {
  private readonly waiting = new Map<string, unknown>()
  /** Per file, a hash of the content seen failing and unchanged for `waitMs`. */
  private readonly settled = new Map<string, string>()

  constructor(
    private readonly waitMs: number,
    private readonly timers: Timers = realTimers,
    private readonly read: (file: string) => Promise<string | undefined> = (file) => readFile(file, 'utf8').catch(() => undefined),
  ) {}

  private stopWaiting(file: string): void {
    const handle = this.waiting.get(file)
    if (handle === undefined) return
    this.timers.clear(handle)
    this.waiting.delete(file)
  }

  /**
   * The regeneration after a change of `file` failed. True when its current content already stood
   * failing for `waitMs`: show the error now. Otherwise false, and `retry` is called after
   * `waitMs` unless another failure came meanwhile; the content is settled only if it did not
   * change. Called once per environment of a change: a later call restarts the wait.
   */
  async failed(file: string, retry: () => void): Promise<boolean> {
    const text = await this.read(file)
    if (this.settled.get(file) === hashOf(text)) return true
    this.stopWaiting(file)
    const handle = this.timers.set(() => {
      if (this.waiting.get(file) !== handle) return
      this.waiting.delete(file)
      void this.read(file).then((now) => {
        if (this.waiting.has(file)) return
        if (now === text) this.settled.set(file, hashOf(now))
        // Content that changed with no failure since may have come with no event: watchers merge
        // two saves close together (Vite's chokidar within 50 ms). Run the change again; when its
        // event did come, the regenerated module equals what was served and nothing is sent.
        retry()
      })
    }, this.waitMs)
    this.waiting.set(file, handle)
    return false
  }
}

/** A missing or unreadable file counts as one content of its own. */
function hashOf(text: string | undefined): string {
  return text === undefined ? 'unreadable' : createHash('sha256').update(text).digest('base64url')
}
