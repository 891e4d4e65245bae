// Runs the MDN HTTP Observatory's own retriever, tests and grader (npm
// @mdn/mdn-http-observatory) against https://HOST:PORT/PATH for each PATH.
// Used by scripts/observatory.sh; prints one block per path and exits 1 when a
// score is under MIN_SCORE (default 120) or a test fails.
//
// The package's CLI only scans a bare hostname on ports 80/443 and aborts on a
// 404, so this calls the same functions with a port and a path, and grades a
// 404 page like any other (the scoring code is the package's, unchanged).
//
// usage: node scripts/observatory.mjs PACKAGE_DIR HOST HTTPS_PORT HTTP_PORT PATH...
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pkgDir, host, httpsPort, httpPort, ...paths] = process.argv.slice(2);
const minScore = Number(process.env.MIN_SCORE ?? 120);
const load = (rel) => import(pathToFileURL(path.join(pkgDir, "src", rel)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");

let ok = true;
const summary = [];
for (const p of paths) {
  const r = await retrieve(host, { httpsPort, httpPort, path: p });
  if (!r.responses.auto) {
    console.log(`${p}: no response`);
    ok = false;
    continue;
  }
  let withCredit = 100;
  let uncurved = 100;
  let passed = 0;
  const lines = [];
  for (const test of ALL_TESTS) {
    const result = test(r);
    const modifier = getScoreModifier(result.result);
    withCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    passed += result.pass ? 1 : 0;
    lines.push(`    ${result.pass ? "pass" : "FAIL"} ${String(modifier).padStart(4)}  ${result.result}`);
  }
  const { score, grade } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved);
  const status = r.responses.auto.status;
  console.log(`${p}  (HTTP ${status})  score ${score}  grade ${grade}  tests passed ${passed}/${NUM_TESTS}`);
  console.log(lines.join("\n"));
  summary.push(`${p} ${score} ${grade} ${passed}/${NUM_TESTS}`);
  if (score < minScore || passed < NUM_TESTS) ok = false;
}
console.log("\nSUMMARY (path score grade passed)\n" + summary.join("\n"));
process.exit(ok ? 0 : 1);
