// The Run-now form is a plain server-action form whose hidden `slot` field carries the run's
// idempotency key as rendered (a client without JavaScript, or the bank test, posts it back as is).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { RunNow } from "./run-now";

// The action itself (auth, database) is tested in run-now-action.integration.test.ts.
vi.mock("./actions", () => ({ runMarketplaceAction: vi.fn() }));

describe("RunNow", () => {
  it("renders the slot it was given as a hidden field of the form", () => {
    const slot = "0b5e8f4e-3c1a-4f7e-9d2b-6a1c2e3f4a5b";
    const html = renderToStaticMarkup(<RunNow slot={slot} />);
    expect(html).toMatch(/<form[^>]*>.*<input type="hidden" name="slot" value="0b5e8f4e-3c1a-4f7e-9d2b-6a1c2e3f4a5b"\/>.*Run now.*<\/form>/s);
  });
});
