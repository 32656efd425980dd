import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";

/**
 * Keyset pagination: Previous/Next only (no page numbers, which would need a COUNT or an OFFSET).
 * `firstHref` appears when a cursor led to an empty page, e.g. after rows were archived.
 */
export function Pager({ prevHref, nextHref, firstHref, label }: { prevHref: string | null; nextHref: string | null; firstHref?: string | null; label: string }) {
  if (!prevHref && !nextHref && !firstHref) return null;
  return (
    <nav aria-label={`${label} pages`} className="mt-4 flex justify-end gap-3">
      {firstHref ? (
        <Link href={firstHref} className={buttonClass("secondary")}>
          First page
        </Link>
      ) : null}
      {prevHref ? (
        <Link href={prevHref} className={buttonClass("secondary")} rel="prev">
          <span aria-hidden="true">←</span> Previous
        </Link>
      ) : null}
      {nextHref ? (
        <Link href={nextHref} className={buttonClass("secondary")} rel="next">
          Next <span aria-hidden="true">→</span>
        </Link>
      ) : null}
    </nav>
  );
}
