import type { Metadata } from "next";
import { StatusScreen } from "./_components/status-screen";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <StatusScreen code="403" title="You don't have access to this page">
      <p>This area is for admins. If you think you should have access, ask an admin.</p>
    </StatusScreen>
  );
}
