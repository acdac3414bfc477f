'use strict';
// Plan shapes shared by the benchmarks.
const fs = require('node:fs');
const path = require('node:path');

const task = (id, dependencies) => ({ id, description: id, agent: 'simulator', dependencies, input: { durationMs: 0 } });

/** One root, `width` independent children, one sink. */
function wideFanOut(width) {
  const specs = [task('root', [])];
  const leaves = [];
  for (let i = 0; i < width; i++) {
    specs.push(task(`leaf${i}`, ['root']));
    leaves.push(`leaf${i}`);
  }
  specs.push(task('sink', leaves));
  return specs;
}

function chain(length) {
  const specs = [];
  for (let i = 0; i < length; i++) specs.push(task(`step${i}`, i === 0 ? [] : [`step${i - 1}`]));
  return specs;
}

/** Random DAG: each node depends on up to `maxDeps` earlier nodes (seeded, reproducible). */
function randomDag(nodes, maxDeps, seed = 42) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const specs = [];
  for (let i = 0; i < nodes; i++) {
    const deps = new Set();
    if (i > 0) {
      const count = Math.floor(next() * (maxDeps + 1));
      for (let k = 0; k < count; k++) deps.add(`n${Math.floor(next() * i)}`);
    }
    specs.push(task(`n${i}`, [...deps]));
  }
  return specs;
}

/**
 * The floor any engine pays: in-degree counters, a ready queue and one awaited zero-work call per
 * node — no events, retries, timeouts or state.
 */
async function bareCounterLoop(specs) {
  const indegree = new Map();
  const dependents = new Map();
  for (const s of specs) {
    indegree.set(s.id, s.dependencies.length);
    dependents.set(s.id, []);
  }
  for (const s of specs) for (const d of s.dependencies) dependents.get(d).push(s.id);
  const work = async () => undefined;
  let ready = specs.filter((s) => s.dependencies.length === 0).map((s) => s.id);
  while (ready.length > 0) {
    const next = [];
    await Promise.all(
      ready.map(async (id) => {
        await work();
        for (const dep of dependents.get(id)) {
          const left = indegree.get(dep) - 1;
          indegree.set(dep, left);
          if (left === 0) next.push(dep);
        }
      }),
    );
    ready = next;
  }
}

const STEPS = [
  'charge the card for order 1042',
  'reserve the items',
  'print a shipping label',
  'email the customer',
  'text the customer',
  'process the raw data',
  'analyse the processed data',
  'write the quarterly report',
  'archive the report',
  'notify the data team',
];

/** A request of `count` steps over the demo agents' skills. */
function longRequest(count) {
  const steps = [];
  for (let i = 0; i < count; i++) steps.push(STEPS[i % STEPS.length]);
  return `${steps.join(', then ')}.`;
}

function loadExample(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', `${name}.json`), 'utf8'));
}

module.exports = { wideFanOut, chain, randomDag, bareCounterLoop, loadExample, longRequest };
