// The chart library the jar serves is committed (cli/src/main/resources/dev/iotsys/cli/dashboard),
// so that building the jar needs neither node nor the npm registry. This checks that the committed
// files are byte for byte those of the uPlot package that package-lock.json pins (by its integrity
// hash, which npm ci verifies), licence included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const served = here('../../main/resources/dev/iotsys/cli/dashboard/');
const locked = JSON.parse(fs.readFileSync(here('package-lock.json'), 'utf8'));

test('the committed uPlot files are the locked npm package\'s own', () => {
  const version = locked.packages['node_modules/uplot'].version;
  assert.equal(JSON.parse(fs.readFileSync(here('node_modules/uplot/package.json'), 'utf8')).version, version);
  for (const [mine, theirs] of [
    ['uPlot.iife.min.js', 'dist/uPlot.iife.min.js'],
    ['uPlot.min.css', 'dist/uPlot.min.css'],
    ['uPlot.LICENSE', 'LICENSE'],
  ]) {
    assert.ok(
      fs.readFileSync(served + mine).equals(fs.readFileSync(here('node_modules/uplot/' + theirs))),
      `${mine} differs from uplot ${version}'s ${theirs}: copy it again from node_modules/uplot`,
    );
  }
  assert.match(fs.readFileSync(served + 'uPlot.iife.min.js', 'utf8'), new RegExp(`\\(v${version.replace(/\./g, '\\.')}\\)`));
});
