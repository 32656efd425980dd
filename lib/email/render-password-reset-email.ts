// Renders the password-reset email (HTML + plain text). Only called at delivery time, with the
// token just unsealed from the outbox row: the rendered link is never stored.
import { createElement } from "react";
import { render } from "@react-email/render";
import PasswordResetEmail from "../../emails/password-reset-email";
import { resetPasswordPath, RESET_TOKEN_TTL_MS } from "../auth/reset-token";
import { appBaseUrl } from "./render-invoice-email";

export function passwordResetUrl(token: string, baseUrl = appBaseUrl()): string {
  return `${baseUrl.replace(/\/$/, "")}${resetPasswordPath(token)}`;
}

export async function renderPasswordResetEmail(
  { name, token }: { name: string; token: string },
  baseUrl = appBaseUrl(),
): Promise<{ html: string; text: string }> {
  const element = createElement(PasswordResetEmail, {
    name,
    resetUrl: passwordResetUrl(token, baseUrl),
    expiresInMinutes: Math.round(RESET_TOKEN_TTL_MS / 60_000),
  });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
