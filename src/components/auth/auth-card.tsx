import type { ReactNode } from "react";
import { BrandMark } from "~/components/site-header";
import { Card } from "~/components/ui/card";

export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="p-6 sm:p-8">
      <BrandMark className="size-10" />
      <h1 className="mt-5 text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-2 text-muted-foreground">{description}</p>
      <div className="mt-8">{children}</div>
    </Card>
  );
}
