/** Why the table is empty: the search params that could not be used, announced when they appear. */
export function QueryErrors({ errors, resetHref }: { errors: readonly string[]; resetHref: string }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200">
      <p className="font-semibold">{errors.length === 1 ? "This filter could not be used:" : "These filters could not be used:"}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {errors.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <p className="mt-2">
        Fix them below or{" "}
        <a href={resetHref} className="font-medium underline underline-offset-2">
          clear all filters
        </a>
        .
      </p>
    </div>
  );
}
