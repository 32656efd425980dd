// The password-reset email: a greeting, the single-use link (as a button and spelled out, for
// clients that strip buttons), how long it works, and what to do if you did not ask for it.
// Default props are a realistic sample so `npm run email:dev` previews it as is.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";

export interface PasswordResetEmailProps {
  /** The account holder's name as stored. */
  name: string;
  /** The full link, e.g. https://countinghouse.example/reset-password?token=… */
  resetUrl: string;
  expiresInMinutes: number;
}

const text = { fontSize: "14px", lineHeight: "22px", color: "#0f172a", margin: "0 0 12px" } as const;
const small = { fontSize: "12px", lineHeight: "18px", color: "#475569", margin: "0 0 6px" } as const;

export default function PasswordResetEmail({ name, resetUrl, expiresInMinutes }: PasswordResetEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Reset your Countinghouse password (the link works for ${expiresInMinutes} minutes)`}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", maxWidth: "600px", borderRadius: "8px" }}>
          <Text style={{ ...small, fontWeight: 700 }}>Countinghouse</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "20px 0 12px" }}>Reset your password</Heading>
          <Text style={text}>{`Hello ${name},`}</Text>
          <Text style={text}>
            {`Someone (hopefully you) asked to reset the password of your Countinghouse account. Choose a new password with the link below. It works once, for ${expiresInMinutes} minutes, and signs you out everywhere else.`}
          </Text>
          <Link
            href={resetUrl}
            style={{ display: "inline-block", margin: "4px 0 16px", backgroundColor: "#4f46e5", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "14px", textDecoration: "none" }}
          >
            Choose a new password
          </Link>
          <Text style={small}>Or paste this link into your browser:</Text>
          <Text style={{ ...small, wordBreak: "break-all" }}>
            <Link href={resetUrl} style={{ color: "#4338ca" }}>{resetUrl}</Link>
          </Text>
          <Hr />
          <Text style={small}>
            If you did not ask for this, ignore this email: your password stays as it is. Nobody at Countinghouse will
            ever ask you for this link.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

PasswordResetEmail.PreviewProps = {
  name: "Ada Lovelace",
  resetUrl: "http://localhost:3000/reset-password?token=q3bH5uFJ0b0pZ9dV1sX7mC2kT4yW8nR6eA1gL5oU3iE",
  expiresInMinutes: 30,
} satisfies PasswordResetEmailProps;
