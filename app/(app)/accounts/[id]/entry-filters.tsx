import { buttonClass } from "@/app/_components/button-class";
import { ENTRY_TYPE_OPTIONS } from "@/app/_components/entry-type-label";

const inputClass =
  "mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500";

function Field({ id, label, error, children, wide = false }: { id: string; label: string; error?: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-2 sm:w-64" : "min-w-0 sm:w-40"}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A plain GET form: filters live in the URL, work without JavaScript and can be bookmarked. Dates
 * are calendar days in the person's time zone, and the labels say which one.
 */
export function EntryFilters({
  accountId,
  values,
  currency,
  timeZone,
  errors,
}: {
  accountId: string;
  values: Record<string, string | string[]>;
  currency: string;
  timeZone: string;
  errors: Record<string, string>;
}) {
  const one = (key: string) => (Array.isArray(values[key]) ? values[key][0] : values[key]) ?? "";
  const invalid = (key: string) => (errors[key] ? { "aria-invalid": true, "aria-describedby": `filter-${key}-error` } : {});
  return (
    <form method="get" action={`/accounts/${accountId}`} className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap" role="search" aria-label="Filter history">
      <Field id="filter-q" label="Search" error={errors.q} wide>
        <input id="filter-q" type="search" name="q" defaultValue={one("q")} placeholder="Description or counterparty" className={inputClass} {...invalid("q")} />
      </Field>
      <Field id="filter-type" label="Type">
        <select id="filter-type" name="type" defaultValue={one("type")} className={inputClass}>
          <option value="">All types</option>
          {ENTRY_TYPE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-from" label={`From (${timeZone})`} error={errors.from}>
        <input id="filter-from" type="date" name="from" defaultValue={one("from")} className={inputClass} {...invalid("from")} />
      </Field>
      <Field id="filter-to" label={`To, inclusive (${timeZone})`} error={errors.to}>
        <input id="filter-to" type="date" name="to" defaultValue={one("to")} className={inputClass} {...invalid("to")} />
      </Field>
      <Field id="filter-min" label={`Amount from (${currency})`} error={errors.min}>
        <input id="filter-min" name="min" inputMode="decimal" defaultValue={one("min")} placeholder="0.00" className={inputClass} {...invalid("min")} />
      </Field>
      <Field id="filter-max" label={`Amount to (${currency})`} error={errors.max}>
        <input id="filter-max" name="max" inputMode="decimal" defaultValue={one("max")} placeholder="Any" className={inputClass} {...invalid("max")} />
      </Field>
      <div className="col-span-2 flex items-center gap-3">
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        <a href={`/accounts/${accountId}`} className="text-sm text-slate-600 hover:underline">
          Clear
        </a>
      </div>
    </form>
  );
}
