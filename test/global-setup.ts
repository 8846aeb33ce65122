import { execFileSync } from 'node:child_process';

/** The command-line tests run the built `ai-spend` (dist/), as a user would. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
