// Runs the Next.js CLI on the same Node as this script (Node 24 from node_modules), never the
// machine's older `node` that a bare `npx next` could resolve to outside npm scripts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export function spawnNext(root: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // `start` runs our own server around Next's handler (serve-next.mjs): it records the real peer
  // address for the rate limits, which `next start` loses. Everything else goes to the Next CLI.
  if (args[0] === "start") {
    return spawn(process.execPath, [path.join(root, "scripts", "lib", "serve-next.mjs"), ...args.slice(1)], { cwd: root, env, stdio: "inherit" });
  }
  const bin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: "inherit" });
}

export function runNext(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnNext(root, args, env);
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
