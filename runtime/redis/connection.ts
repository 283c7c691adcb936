import type { LogLevel } from '../log/types'

/**
 * What the store needs of a Redis client: running a script by its SHA1, and by its text when the
 * server does not have it cached (NOSCRIPT). An ioredis `Redis` is one as it is; node-redis works
 * through `fromNodeRedis()`.
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>
  /** ioredis: `ready` while connected; anything else makes the store fail fast without sending. */
  readonly status?: string
  /** Called by `closeAll()` unless the store was told `closeClient: false`. */
  quit?(): Promise<unknown>
  /** Drops the link when `quit()` gets no answer within the timeout. */
  disconnect?(): void
}

export interface Script {
  readonly source: string
  sha?: string
}

async function sha1(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The store's view of the server: up, or down from a failed call until a trial call succeeds. */
export interface Connection {
  /** Runs a script, bounded by `timeout`; rejects at once (without sending) while the server is down. */
  run(script: Script, key: string, args: (string | number)[]): Promise<unknown>
  readonly down: boolean
  /** Counts one decision made with local limits instead. */
  fellBack(): void
  /** Counts one request refused while down. */
  refused(): void
  readonly counts: { outages: number; failures: number; fallbacks: number; refused: number }
  readonly lastError: string | undefined
}

export interface ConnectionOptions {
  client: RedisScriptClient
  timeout: number
  recheck: number
  now: () => number
  log: (level: LogLevel, event: string, message: string) => void
}

/** A failure of the server or the link, as opposed to a refusal by a script. */
export class RedisDownError extends Error {
  override name = 'RedisDownError'
}

export function createConnection(options: ConnectionOptions): Connection {
  const { client, timeout, recheck, now } = options
  const counts = { outages: 0, failures: 0, fallbacks: 0, refused: 0 }
  let down = false
  let trialAt = 0
  let lastError: string | undefined

  const fail = (error: unknown): never => {
    counts.failures++
    lastError = error instanceof Error ? error.message : String(error)
    if (!down) {
      down = true
      counts.outages++
      // Logged once per outage: the fallback itself is counted, not logged per request.
      options.log(
        'warn',
        'store.down',
        `Redis store unreachable (${lastError}); deciding with local limits or failing closed as configured until it answers again`,
      )
    }
    trialAt = now() + recheck
    throw error instanceof RedisDownError ? error : new RedisDownError(lastError, { cause: error })
  }
  const send = async (script: Script, key: string, args: (string | number)[]): Promise<unknown> => {
    script.sha ??= await sha1(script.source)
    try {
      return await client.evalsha(script.sha, 1, key, ...args)
    } catch (error) {
      // Scripts are cached per server: a restarted or flushed server has forgotten them.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return client.eval(script.source, 1, key, ...args)
      throw error
    }
  }

  return {
    get down() {
      return down
    },
    counts,
    get lastError() {
      return lastError
    },
    fellBack: () => void counts.fallbacks++,
    refused: () => void counts.refused++,
    async run(script, key, args) {
      if (down) {
        // One trial call per `recheck` interval; the rest fail fast.
        if (now() < trialAt) throw new RedisDownError(lastError ?? 'Redis store is down')
        trialAt = now() + recheck
      }
      if (client.status !== undefined && client.status !== 'ready') fail(new RedisDownError(`connection is ${client.status}`))
      let timer: ReturnType<typeof setTimeout> | undefined
      try {
        const result = await Promise.race([
          send(script, key, args),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new RedisDownError(`no answer within ${timeout} ms`)), timeout)
          }),
        ])
        if (down) {
          down = false
          options.log('info', 'store.up', 'Redis store answers again; shared limits are back in force')
        }
        return result
      } catch (error) {
        return fail(error)
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
