// Writes schemas/plan.schema.json, the plan's JSON Schema, from the built planner library
// (`planJsonSchema()` of libs/planner/dist), so the committed file is what the validator's tables make.
//   npx nx run planner:build && node tools/contract/write-plan-schema.js           write the file
//   npx nx run planner:build && node tools/contract/write-plan-schema.js --check   exit 1 if it is out of date
// The planner's test `plan-json-schema.spec.ts` fails too when the file is out of date.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
// Read by path: tools/ does not depend on the planner package, it only reads its build output.
const PLANNER_DIST = path.join(ROOT, 'libs', 'planner', 'dist', 'index.js');
const TARGET = path.join(ROOT, 'schemas', 'plan.schema.json');
const USAGE = 'usage: node tools/contract/write-plan-schema.js [--check]';

function main(args) {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`write-plan-schema: unknown argument ${JSON.stringify(unknown[0])} (${USAGE})`);
    return 2;
  }
  if (!fs.existsSync(PLANNER_DIST)) {
    console.error(`write-plan-schema: ${path.relative(ROOT, PLANNER_DIST)} is missing: run \`npx nx run planner:build\` first`);
    return 2;
  }
  const { planJsonSchema } = require(PLANNER_DIST);
  // 2-space JSON and a final newline: the format the planner's test compares the file with.
  const text = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : undefined;
  const where = path.relative(ROOT, TARGET);
  if (args.includes('--check')) {
    if (current === text) return 0;
    console.error(`write-plan-schema: ${where} is out of date: run \`npx nx run planner:build && node tools/contract/write-plan-schema.js\``);
    return 1;
  }
  if (current === text) {
    console.log(`write-plan-schema: ${where} is up to date`);
    return 0;
  }
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, text);
  console.log(`write-plan-schema: wrote ${where}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
