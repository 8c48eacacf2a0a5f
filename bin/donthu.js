#!/usr/bin/env node
// The `donthu` command line; compiled by `npm install` (prepare) into dist/.
await import('../dist/apps/cli/src/main.js');
