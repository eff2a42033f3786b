import { buildProject } from './helpers/run-cli.js';

/**
 * Once before the whole suite: compile to dist/, so the end-to-end tests run the real `bin/whereismail.js`
 * (as `npx whereismail` does) against the current sources. One build, not one per test file in parallel.
 */
export function setup(): void {
  buildProject();
}
