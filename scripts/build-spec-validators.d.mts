/** Writes <outDir>/spec-validators/{v2,v3,v31}.cjs (see build-spec-validators.mjs). */
export function buildSpecValidators(outDir: string): void
