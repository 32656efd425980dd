import type { Metadata } from "next";
import { StatusScreen } from "./_components/status-screen";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusScreen code="404" title="We couldn't find that page">
      <p>The link may be out of date, or the page may have moved.</p>
    </StatusScreen>
  );
}
