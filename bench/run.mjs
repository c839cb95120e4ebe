#!/usr/bin/env node
// `npm run bench -- --scale 10k` — runs bench/bench.ts through tsx (no build step), like the anxin command.
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
