import { describe, expectTypeOf, it } from 'vitest'
import type { HttpClient } from '../../../runtime/http/client'
import { apiClient, createNetworkManager, defineClient, httpClient, webSocketClient, type ClientKind } from '../../../runtime/manager'
import type { WebSocketClient } from '../../../runtime/ws/client'

interface PetsClient {
  listPets(): Promise<{ id: number }[]>
}
declare const pets: { createClient(options?: { baseUrl?: string }): PetsClient }
declare const graphql: ClientKind<{ endpoint: string }, { query(text: string): Promise<unknown> }>

describe('createNetworkManager types', () => {
  const manager = createNetworkManager({
    clients: {
      rest: httpClient({ baseUrl: { production: 'https://a.example', staging: 'https://s.example' } }),
      pets: apiClient(pets),
      feed: webSocketClient<{ price: number }, { subscribe: string }>('wss://feed.example'),
      gql: defineClient(graphql, { endpoint: 'https://g.example/graphql' }),
    },
  })

  it('types get() by name', () => {
    expectTypeOf(manager.get('rest')).toEqualTypeOf<HttpClient>()
    expectTypeOf(manager.get('pets')).toEqualTypeOf<PetsClient>()
    expectTypeOf(manager.get('feed')).toEqualTypeOf<WebSocketClient<{ price: number }, { subscribe: string }>>()
    expectTypeOf(manager.get('gql').query).parameters.toEqualTypeOf<[text: string]>()
    expectTypeOf(manager.names).toEqualTypeOf<readonly ('rest' | 'pets' | 'feed' | 'gql')[]>()
  })

  it('rejects unknown names and wrong configurations', () => {
    // @ts-expect-error not a client of this manager
    manager.get('nope')
    // @ts-expect-error the kind's configuration is checked
    defineClient(graphql, { url: 'x' })
    // @ts-expect-error httpClient() options are createHttpClient's
    httpClient({ timeout: 'soon' })
  })
})
