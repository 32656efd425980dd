import type { Metadata } from "next";
import { StatusPage } from "./_components/status-page";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <StatusPage code="403" title="You don't have access to this page">
      <p>This area is for administrators. If you think you should have access, ask an administrator.</p>
    </StatusPage>
  );
}
