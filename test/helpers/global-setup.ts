/**
 * Runs once before the suite. Later issues add what the whole suite shares (the package build that
 * bundler tests link against, Chromium for browser tests).
 */
export default async function setup(): Promise<void> {}
