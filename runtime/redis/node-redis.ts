import type { RedisScriptClient } from './connection'

/** The few methods of a node-redis (`redis`, `@redis/client`) client the store uses. */
export interface NodeRedisLike {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  readonly isReady: boolean
  close?(): Promise<unknown>
  quit?(): Promise<unknown>
  destroy?(): void
}

/** Adapts a node-redis client to the ioredis-shaped calls of `createRedisStore({ redis })`. */
export function fromNodeRedis(client: NodeRedisLike): RedisScriptClient {
  const split = (numkeys: number, args: (string | number)[]): { keys: string[]; arguments: string[] } => ({
    keys: args.slice(0, numkeys).map(String),
    arguments: args.slice(numkeys).map(String),
  })
  return {
    evalsha: (sha1, numkeys, ...args) => client.evalSha(sha1, split(numkeys, args)),
    eval: (script, numkeys, ...args) => client.eval(script, split(numkeys, args)),
    get status() {
      return client.isReady ? 'ready' : 'connecting'
    },
    quit: async () => (client.close ? client.close() : client.quit?.()),
    disconnect: () => client.destroy?.(),
  }
}
