/**
 * usePathname and useSearchParams for the App Router's components. Next types both as nullable once the
 * app has a src/pages directory (the tRPC API is a Pages API route: src/pages/api/trpc/[trpc]/index.ts), because
 * under the Pages Router they are null before hydration. Every component here renders under the App
 * Router, where they never are; these hooks say so in one place, and fail loudly if that ever changes.
 */
import { usePathname as usePathnameOrNull, useSearchParams as useSearchParamsOrNull } from "next/navigation";

function present<T>(value: T | null, hook: string): T {
  if (value === null) throw new Error(`${hook} returned null: this component must render under the App Router`);
  return value;
}

export function usePathname(): string {
  return present(usePathnameOrNull(), "usePathname");
}

export function useSearchParams(): NonNullable<ReturnType<typeof useSearchParamsOrNull>> {
  return present(useSearchParamsOrNull(), "useSearchParams");
}
