#!/usr/bin/env node
// Thin launcher: the compiled and bundled CLI lives in lib/bundle/ (built by `npm ci` through the prepare script).
import { main } from "../lib/bundle/main.js";

process.exitCode = await main(process.argv.slice(2));
