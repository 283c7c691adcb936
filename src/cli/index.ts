#!/usr/bin/env node
import { runCli } from './run'

// The only place that talks to the terminal and exits.
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code
})
