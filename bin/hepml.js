#!/usr/bin/env node
// The `hepml` command: run `npm run build` first.
require('../dist/cli.js');
