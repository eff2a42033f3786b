#!/usr/bin/env node
// The `whereismail` command.
import { loadDist } from './load-dist.js';

const { main } = await loadDist('src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
