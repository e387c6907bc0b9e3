/** What the command-line tools share: failing with a message, reading --flags, a progress bar. */

export function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

/**
 * `--name value` pairs for the names in `options`, `--name` alone for those in `flags`. Anything
 * else (a misspelt `--horizn 7` would otherwise be ignored and the default used) is refused with
 * the usage.
 */
export function parseArgs(argv: string[], usage: string, flags: ReadonlySet<string>, options: ReadonlySet<string>): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"\n${usage}`);
    const name = a.slice(2);
    if (flags.has(name)) out[name] = true;
    else if (!options.has(name)) fail(`unknown option --${name}\n${usage}`);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) fail(`--${name} needs a value\n${usage}`);
      out[name] = next;
      i++;
    }
  }
  return out;
}

/**
 * A bar redrawn in place on a terminal; elsewhere (CI, a log) a plain line every 10 %:
 * `LABEL DONE/TOTAL (PCT%) NOW`, with `amount` formatting the two figures and `NOW` (optional) saying
 * what is being done.
 */
export function progressBar(label: string, amount: (n: number) => string = String): (done: number, total: number, now?: string) => void {
  const tty = process.stderr.isTTY === true;
  let lastPct = -1;
  return (done, total, now) => {
    const pct = Math.floor((100 * done) / Math.max(1, total));
    const figures = `${amount(done)}/${amount(total)}`;
    if (tty) {
      const width = 30;
      const fill = Math.min(width, Math.round((width * done) / Math.max(1, total)));
      // padded so that a shorter phase name overwrites a longer one
      process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% (${figures})${now ? ` ${now.padEnd(10)}` : ''}`);
      if (done >= total) process.stderr.write('\n');
    } else if (pct >= lastPct + 10 || (done >= total && pct !== lastPct)) {
      lastPct = pct;
      process.stderr.write(`${label} ${figures} (${pct}%)${now ? ` ${now}` : ''}\n`);
    }
  };
}
