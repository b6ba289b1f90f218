#!/usr/bin/env node
// The sluice command of @sluice/cli, which finds the component packages installed beside it.
import '@sluice/cli/bin';
