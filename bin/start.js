#!/usr/bin/env node
// `npm start`: runs the Slack bot.
import { loadDist } from './load-dist.js';

const { start } = await loadDist('src/start.js');
process.exitCode = await start(process.env);
