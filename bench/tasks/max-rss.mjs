// Preloaded (`node --import`) into a CLI process the benchmark times (bench/cli-check.ts): at exit,
// writes the process's peak RSS in KiB (process.resourceUsage().maxRSS, worker threads included)
// to the file named by GONGKAI_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.GONGKAI_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
