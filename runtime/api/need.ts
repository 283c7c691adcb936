import { ConfigurationError } from '../errors/configuration-error'
import type { OperationParts } from './types'

/** A part the operation's data needs; its absence means the caller of `operation()` left it out. */
export function need<K extends keyof OperationParts>(parts: OperationParts, key: K, where: string): NonNullable<OperationParts[K]> {
  const part = parts[key]
  if (!part) throw new ConfigurationError(`${where}: no "${key}" part (generated modules pass the parts their operations need)`, `parts.${key}`)
  return part as NonNullable<OperationParts[K]>
}
