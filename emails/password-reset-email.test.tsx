import { describe, expect, it } from "vitest";
import { passwordResetUrl, renderPasswordResetEmail } from "../lib/email/render-password-reset-email";
import PasswordResetEmail from "./password-reset-email";

const TOKEN = "q3bH5uFJ0b0pZ9dV1sX7mC2kT4yW8nR6eA1gL5oU3iE";

describe("password reset email template", () => {
  it("renders the greeting, the link (button and spelled out), the expiry, in HTML and plain text", async () => {
    const { html, text } = await renderPasswordResetEmail({ name: "Grace Hopper", token: TOKEN }, "https://app.test/");
    const url = `https://app.test/reset-password?token=${TOKEN}`;
    expect(passwordResetUrl(TOKEN, "https://app.test/")).toBe(url);
    expect(html).toContain("Hello Grace Hopper");
    expect(html).toContain(`href="${url}"`);
    expect(html.split(url).length - 1).toBeGreaterThanOrEqual(3); // button, link text, link href
    expect(html).toContain("30 minutes");
    expect(text).toContain("Hello Grace Hopper");
    expect(text).toContain(url);
    expect(text).toContain("30 minutes");
    expect(text).toContain("ignore this email");
    expect(text).not.toContain("<");
  });

  it("escapes the name", async () => {
    const { html } = await renderPasswordResetEmail({ name: "<script>x</script>", token: TOKEN }, "https://app.test");
    expect(html).not.toContain("<script>x</script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("has realistic preview props", () => {
    expect(PasswordResetEmail.PreviewProps.resetUrl).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(PasswordResetEmail.PreviewProps.expiresInMinutes).toBe(30);
  });
});
