import type { ReactNode } from "react";
import { CardDescription, CardTitle } from "./card";

type CardHeaderProps = {
  /** Decorative; shown in the brand-coloured tile. */
  icon: ReactNode;
  /** The title's id, for the card's `aria-labelledby`. */
  titleId: string;
  title: ReactNode;
  description: ReactNode;
};

/** The top of a card that is a page section: an icon tile beside the section's h2 and a short description. */
export function CardHeader({ icon, titleId, title, description }: CardHeaderProps) {
  return (
    <div className="flex items-start gap-4">
      <span className="flex size-10 shrink-0 items-center justify-center rounded-control bg-brand-soft text-brand-text">
        {icon}
      </span>
      <div className="min-w-0">
        <CardTitle as="h2" id={titleId}>
          {title}
        </CardTitle>
        <CardDescription className="mt-1">{description}</CardDescription>
      </div>
    </div>
  );
}
