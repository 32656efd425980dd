import { describe, expect, it } from "vitest";
import { planPrerequisites, type PrerequisiteFacts } from "./prerequisites";

const ready: PrerequisiteFacts = {
  serverBinariesMissing: false,
  chromiumPath: "/usr/bin/chromium",
  chromiumFound: true,
  chromiumPathFromEnv: false,
  isRoot: false,
  hasApt: true,
};

describe("planPrerequisites", () => {
  it("runs when the server binaries and Chromium are there", () => {
    expect(planPrerequisites(ready)).toEqual({ kind: "ready" });
  });

  it("stops with `npm install` when the npm-shipped server binaries are missing, before anything else", () => {
    const plan = planPrerequisites({ ...ready, serverBinariesMissing: true, chromiumFound: false, isRoot: true });
    expect(plan).toMatchObject({ kind: "stop", message: expect.stringMatching(/Run:\n {2}npm install\n/) });
  });

  it("installs Chromium with apt-get as root on Debian", () => {
    expect(planPrerequisites({ ...ready, chromiumFound: false, isRoot: true })).toEqual({ kind: "install", aptPackages: ["chromium"] });
  });

  it("gives a normal user on Debian the one command to run", () => {
    const plan = planPrerequisites({ ...ready, chromiumFound: false });
    expect(plan).toMatchObject({ kind: "stop", message: expect.stringContaining("sudo apt-get install -y chromium") });
  });

  it("asks for CHROMIUM_PATH where there is no apt", () => {
    const plan = planPrerequisites({ ...ready, chromiumFound: false, hasApt: false, isRoot: true });
    expect(plan).toMatchObject({ kind: "stop", message: expect.stringContaining("CHROMIUM_PATH=") });
  });

  it("never installs over a CHROMIUM_PATH that points nowhere: says so instead", () => {
    const plan = planPrerequisites({ ...ready, chromiumFound: false, chromiumPathFromEnv: true, chromiumPath: "/opt/chrome", isRoot: true });
    expect(plan).toMatchObject({ kind: "stop", message: expect.stringContaining("CHROMIUM_PATH=/opt/chrome does not exist") });
  });
});
