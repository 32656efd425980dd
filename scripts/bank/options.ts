// Command line of `npm run test:bank`: --duration 30s|10m|90, --clients 16, --faults, --seed N,
// --json FILE (the report as JSON, for the npm test layer).
export interface BankOptions {
  durationMs: number;
  clients: number;
  faults: boolean;
  seed: number;
  jsonReport?: string;
}

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--duration: expected e.g. 30s, 10m or 90 (seconds), got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Math.round(Number(match[1]) * unit);
}

export function parseBankOptions(argv: string[]): BankOptions {
  const options: BankOptions = { durationMs: 30_000, clients: 16, faults: false, seed: Math.floor(Math.random() * 2 ** 31) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case "--duration":
        options.durationMs = parseDuration(value());
        break;
      case "--clients": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 2 || n > 256) throw new Error("--clients: an integer from 2 to 256");
        options.clients = n;
        break;
      }
      case "--faults":
        options.faults = true;
        break;
      case "--seed":
        options.seed = Number(value()) >>> 0;
        break;
      case "--json":
        options.jsonReport = value();
        break;
      default:
        throw new Error(`Unknown option ${arg}. Options: --duration 30s, --clients 16, --faults, --seed N, --json FILE`);
    }
  }
  return options;
}
