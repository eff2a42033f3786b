#!/usr/bin/env node
// `npm start`: runs the Slack bot. Compiled sources live in dist/ (built by `npm install` or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/start.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('whereismail: not built yet: run `npm install` (or `npm run build`) in the project folder first\n');
  process.exit(1);
}
const { start } = await import(entry.href);
process.exitCode = await start(process.env);
