#!/usr/bin/env node
// The `donthu` command line. `npm install` builds the project (prepare) into dist/.
await import('../../../dist/apps/cli/src/main.js');
