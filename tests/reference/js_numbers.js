// How JavaScript spells numbers (Number.prototype.toString, as JSON.stringify and so VS Code write them in a
// notebook): the oracle for JupyterJson.FormatNumber. Writes
// tests/Research.Notebooks.Tests/Fixtures/js_numbers.json: [[bits, text], ...] where bits is the IEEE-754 double as a
// 16-digit hex string and text is String(x). Doubles: fixed edge cases, then random bit patterns and random decimal
// magnitudes from a seeded generator (xorshift64*), so the file is reproducible.
// Run from the repo root with Node.js 20: node tests/reference/js_numbers.js
"use strict";
const fs = require("fs");
const buf = new DataView(new ArrayBuffer(8));
const bits = (x) => { buf.setFloat64(0, x); return buf.getBigUint64(0).toString(16).padStart(16, "0"); };
const fromBits = (b) => { buf.setBigUint64(0, b); return buf.getFloat64(0); };
let state = 0x2545f4914f6cdd1dn;
const next = () => { state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n; return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn; };
const values = [0.1, 0.2 + 0.1, 1 / 3, 100, 1e21, 1e-7, 1e-6, 9.999999999999999e-7, 123456789012345680000, 1.2345e22,
  5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, 0.000123, 42.125, -1.5, -2.5e-8, 1e20, 99999999999999990000];
for (let i = 0; i < 500; i++) {
  const x = fromBits(next());
  if (Number.isFinite(x) && x !== 0) values.push(x);
}
for (let i = 0; i < 500; i++) {
  const mantissa = Number(next() % 10000000000000000n) / 1e16;   // [0, 1)
  const exponent = Number(next() % 60n) - 30;
  values.push(Number((mantissa * 10 ** exponent).toPrecision(1 + Number(next() % 17n))));
}
const out = values.map((x) => [bits(x), String(x)]);
fs.writeFileSync("tests/Research.Notebooks.Tests/Fixtures/js_numbers.json", JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${out.length} numbers`);
