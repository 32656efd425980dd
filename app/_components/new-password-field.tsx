import { TextField } from "./text-field";

/**
 * The one "choose a password" input of sign-up, password change and reset: the browser's
 * password manager offers a generated one (new-password), and the hint states the rule the server
 * enforces (lib/auth/password-policy), so the three forms never drift apart.
 */
export function NewPasswordField({ label = "New password", name, minLength, error }: { label?: string; name: string; minLength: number; error?: string }) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={minLength}
      hint={`At least ${minLength} characters, not a common password.`}
      error={error}
    />
  );
}
