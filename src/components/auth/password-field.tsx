"use client";

import { useState } from "react";
import { EyeIcon, EyeOffIcon } from "~/components/ui/icons";
import { TextField, type TextFieldProps } from "~/components/ui/input";

/** A password input with a Show/Hide toggle, so people on phones can check what they typed. */
export function PasswordField(props: Omit<TextFieldProps, "type" | "trailing">) {
  const [isVisible, setIsVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={isVisible ? "text" : "password"}
      // Stops some browsers offering to autocorrect or capitalise the visible password.
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      trailing={
        <button
          type="button"
          onClick={() => setIsVisible((visible) => !visible)}
          aria-pressed={isVisible}
          className="inline-flex h-9 items-center gap-1.5 rounded-[calc(var(--radius-control)-2px)] px-2.5 text-sm font-medium text-muted-foreground hover:bg-surface-muted hover:text-foreground"
        >
          {isVisible ? <EyeOffIcon className="size-4" /> : <EyeIcon className="size-4" />}
          {/* Keeps the label stable ("Show password", pressed or not) as the ARIA pattern for toggles asks. */}
          <span className="sr-only">Show password</span>
          <span aria-hidden="true">{isVisible ? "Hide" : "Show"}</span>
        </button>
      }
    />
  );
}
