import type { AttemptContext } from '../http/types'
import type { Emit } from './logger'
import type { LogLevel } from './types'

export type AttemptLog = (
  level: LogLevel,
  event: string,
  message: () => string,
  ctx: () => AttemptContext,
  startedAt: number,
  status?: number,
  error?: unknown,
  extra?: Record<string, unknown>,
) => void

/** One structured event per attempt; message and context are built only when someone listens. */
export function attemptLog(emit: Emit | undefined, client: string | undefined, now: () => number = Date.now): AttemptLog {
  return (level, event, message, ctxOf, startedAt, status, error, extra) => {
    if (!emit) return
    const ctx = ctxOf()
    emit({
      level,
      event,
      message: message(),
      client,
      method: ctx.method,
      url: ctx.url,
      operationId: ctx.operationId,
      attempt: ctx.attempt,
      status,
      durationMs: now() - startedAt,
      error: error instanceof Error ? error.name : undefined,
      ...extra,
    })
  }
}

export function errorSummary(error: unknown): string {
  if (error instanceof Error) return 'status' in error ? `${error.name} ${String((error as { status: unknown }).status)}` : error.name
  return String(error)
}
