// Loads a compiled module from dist/ (built by `npm install` through prepare, or `npm run build`),
// with a clear message instead of a stack trace when the build is missing or broken.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function loadDist(path) {
  const entry = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(fileURLToPath(entry))) {
    process.stderr.write('whereismail: not built yet: run `npm install` (or `npm run build`) in the project folder first\n');
    process.exit(1);
  }
  try {
    return await import(entry.href);
  } catch (e) {
    process.stderr.write(`whereismail: the build in dist/ is incomplete or out of date (${e instanceof Error ? e.message.split('\n')[0] : e}): run \`npm run build\`\n`);
    process.exit(1);
  }
}
