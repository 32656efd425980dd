import { buttonClass } from "@/app/_components/button-class";
import { ENTRY_TYPE_OPTIONS } from "@/app/_components/entry-type-label";

const inputClass = "mt-1 block rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** A plain GET form: filters live in the URL, work without JavaScript and can be bookmarked. */
export function EntryFilters({ accountId, values }: { accountId: string; values: Record<string, string | string[]> }) {
  const one = (key: string) => (Array.isArray(values[key]) ? values[key][0] : values[key]) ?? "";
  return (
    <form method="get" action={`/accounts/${accountId}`} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter history">
      <div>
        <label htmlFor="filter-type" className="block text-xs font-medium text-slate-700">
          Type
        </label>
        <select id="filter-type" name="type" defaultValue={one("type")} className={inputClass}>
          <option value="">All types</option>
          {ENTRY_TYPE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className="block text-xs font-medium text-slate-700">
          From
        </label>
        <input id="filter-from" type="date" name="from" defaultValue={one("from")} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-to" className="block text-xs font-medium text-slate-700">
          To
        </label>
        <input id="filter-to" type="date" name="to" defaultValue={one("to")} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
      <a href={`/accounts/${accountId}`} className="text-sm text-slate-600 hover:underline">
        Clear
      </a>
    </form>
  );
}
