// Runs one bundler configuration from docs/examples (already compiled to .mjs) the way the bundler's
// own CLI would, in the current directory: `node run-bundler-config.mjs <bundler> <config.mjs>`.
const [bundler, configFile] = process.argv.slice(2)
const { default: config } = await import(configFile)

function compile(compiler) {
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {})
      if (error) return reject(error)
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })))
      resolve()
    }),
  )
}

switch (bundler) {
  case 'vite': {
    const { build } = await import('vite')
    // The example has no index.html: build its entry as a library-style SSR bundle.
    await build({ ...config, configFile: false, logLevel: 'silent', build: { ssr: 'src/main.js', outDir: 'dist' } })
    break
  }
  case 'rollup': {
    const { rollup } = await import('rollup')
    const bundle = await rollup({ ...config, onwarn: () => {} })
    await bundle.write(config.output)
    await bundle.close()
    break
  }
  case 'rolldown': {
    const { rolldown } = await import('rolldown')
    const bundle = await rolldown({ ...config, logLevel: 'silent' })
    await bundle.write(config.output)
    await bundle.close()
    break
  }
  case 'webpack': {
    const { default: webpack } = await import('webpack')
    await compile(webpack({ ...config, stats: 'none', infrastructureLogging: { level: 'none' } }))
    break
  }
  case 'rspack': {
    const { rspack } = await import('@rspack/core')
    await compile(rspack({ ...config, mode: 'production', stats: 'none', infrastructureLogging: { level: 'none' } }))
    break
  }
  case 'esbuild':
    break // importing the script ran the build
  default:
    throw new Error(`unknown bundler ${bundler}`)
}
