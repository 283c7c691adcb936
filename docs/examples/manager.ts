import { apiClient, createNetworkManager, httpClient, webSocketClient, CircuitOpenError, rateLimiting } from '@codomyrmex/networking/runtime'
// The rate limit is a feature passed in, so bundles whose manager never rate-limits do not carry it.
import petstore from 'virtual:api/petstore'

export async function main(baseUrl: string, wsUrl: string) {
  const manager = createNetworkManager({
    environment: 'local',
    defaults: {
      baseUrl: { local: baseUrl, production: 'https://api.example.com' }, // picked by `environment`
      headers: { 'user-agent': 'docs-example' },
      retry: { limit: 2 },
      timeout: 5_000,
    },
    clients: {
      pets: apiClient(petstore, { auth: { apiKey: 'k-1' } }), // a generated client
      raw: httpClient({ retry: false }), // a hand-made one
      live: webSocketClient(wsUrl, { reconnect: true }),
    },
    // Per-origin limits shared by every client: concurrency, optional token bucket, circuit breaker.
    features: [rateLimiting],
    policy: { maxConcurrent: 8, rateLimit: { rate: 50 }, breaker: { failureRatio: 0.5 } },
  })
  const events: string[] = []
  const stop = manager.subscribe((event) => events.push(event.type))

  const pets = await manager.get('pets').listPets() // typed by name
  await manager.get('raw').get('/pets/1')
  await manager.get('live').connect()

  const metrics = manager.metrics() // per client and origin: requests, errors, retries, latency, breaker
  await manager.closeAll() // aborts requests in flight, closes sockets; idempotent
  stop()
  return { pets: pets.length, requests: metrics.clients.pets?.requests, closed: manager.closed, sawAttempts: events.includes('attempt:end'), CircuitOpenError }
}
