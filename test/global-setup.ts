import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The command-line tests run the built `ai-spend` (dist/), as a user would. Type errors are the
 * type-check step's to report (`npm test` runs it first); the build only has to produce dist/.
 */
export default function setup(): void {
  const build = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.error !== undefined || !existsSync('dist/cli.js')) {
    throw new Error(`building dist/ failed: ${build.error?.message ?? `tsc exited ${build.status}`}`);
  }
}
