// Preloaded (`node -r`) into every cold-start child of bench/cold.ts: at exit, writes the process's whole CPU time
// (user + system since it started, node's own start-up included) and peak RSS as JSON to the file named by
// BENCH_COLD_OUT. Loaded the same way into the library's child and into its floor, so both pay it alike.
'use strict';
const fs = require('fs');
const out = process.env.BENCH_COLD_OUT;
if (out) {
  process.on('exit', () => {
    const c = process.cpuUsage();
    fs.writeFileSync(out, JSON.stringify({ cpu: (c.user + c.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  });
}
