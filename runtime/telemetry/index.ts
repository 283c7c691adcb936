export {
  instrumentOpenTelemetry,
  SPAN_KIND_CLIENT,
  SPAN_STATUS_ERROR,
  type AttributeValue,
  type OpenTelemetryOptions,
  type SpanLike,
  type TracerLike,
} from './otel'
export { consolaLogger, pinoLogger } from './loggers'
