"use client";

// The filter bar of an admin table. Submitting navigates to the same page with the new search
// params (blanks dropped, page cursor reset); without JavaScript it is a plain GET form.
import { useRouter } from "next/navigation";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { buttonClass } from "@/app/_components/button-class";
import { hrefWith, valuesFromForm } from "./search-href";

export const inputClass =
  "mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus-visible:outline-none sm:text-sm";

export function FilterForm({
  label,
  pathname,
  sort,
  dir,
  size,
  pageSizes,
  children,
}: {
  label: string;
  pathname: string;
  sort?: string;
  dir?: string;
  size?: string;
  /** Passed from the server page (lib/ledger/admin-list-params PAGE_SIZES) to keep zod out of the bundle. */
  pageSizes: readonly number[];
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <form
      role="search"
      aria-label={label}
      method="get"
      action={pathname}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        router.push(hrefWith(pathname, {}, valuesFromForm(new FormData(event.currentTarget))));
      }}
    >
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      {children}
      <SelectField label="Rows per page" name="size" defaultValue={size ?? ""}>
        <option value="">Default (25)</option>
        {pageSizes.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </SelectField>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        <a href={pathname} className={buttonClass("secondary")}>
          Clear
        </a>
      </div>
    </form>
  );
}

export function SelectField({ label, name, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string }) {
  const id = `filter-${name}`;
  return (
    <div className="min-w-32">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select {...select} id={id} name={name} className={inputClass}>
        {children}
      </select>
    </div>
  );
}

export function InputField({
  label,
  name,
  hint,
  wide = false,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: string; wide?: boolean }) {
  const id = `filter-${name}`;
  return (
    <div className={wide ? "w-full sm:w-72" : "min-w-32"}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {hint ? <span className="sr-only"> ({hint})</span> : null}
      </label>
      <input {...input} id={id} name={name} title={hint} className={inputClass} />
    </div>
  );
}
