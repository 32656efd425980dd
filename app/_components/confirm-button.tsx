"use client";

// A destructive action in two clicks: the first asks, in words, what will happen; the second does it.
// Inside a <form>, the confirming button submits that form; otherwise it calls onConfirm.
import { useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button-class";

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  pendingLabel,
  onConfirm,
  variant = "danger",
  disabled = false,
  ariaLabel,
}: {
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  /** Without it the confirming button submits the enclosing form. */
  onConfirm?: () => void;
  variant?: ButtonVariant;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const [asking, setAsking] = useState(false);
  const { pending } = useFormStatus();
  if (!asking) {
    return (
      <button type="button" aria-label={ariaLabel} disabled={disabled || pending} className={buttonClass(variant)} onClick={() => setAsking(true)}>
        {pending && pendingLabel ? pendingLabel : children}
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm" className="flex flex-wrap items-center justify-end gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-200">
      <span className="text-left">{question}</span>
      <button
        type={onConfirm ? "button" : "submit"}
        autoFocus
        className={buttonClass("danger")}
        onClick={() => {
          if (onConfirm) {
            setAsking(false);
            onConfirm();
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={buttonClass("secondary")} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
