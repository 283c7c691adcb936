import { createHash } from 'node:crypto'

/**
 * What the dev server last served per module id, as a hash. A document edit that leaves the
 * generated code as it was (a description, formatting, a comment) then sends no update at all.
 */
export class ServedCode {
  private readonly hashes = new Map<string, string>()

  record(id: string, code: string): void {
    this.hashes.set(id, hashOf(code))
  }

  /** After a failed load: whatever comes next must reach the page (it clears the error overlay). */
  forget(id: string): void {
    this.hashes.delete(id)
  }

  /** True when `code` differs from what was served for `id`, or nothing was served yet. */
  changed(id: string, code: string): boolean {
    return this.hashes.get(id) !== hashOf(code)
  }
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('base64url')
}
