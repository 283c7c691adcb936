// Fallback types for `virtual:api/*` while the generated declaration file (api-clients.d.ts) is not
// there: every import from any `virtual:api/...` module, named or default, is `any` (TypeScript can
// declare arbitrary named exports of a pattern module only this way). Reference it with
// `/// <reference types="@codomyrmex/networking/client" />`; the generated file's
// `declare module 'virtual:api/<name>'` blocks take precedence over this pattern. It also accepts
// a mistyped API name: prefer `codomyrmex-api sync` before `tsc`, and this file only where the
// declarations cannot be generated first.
declare module 'virtual:api/*'
