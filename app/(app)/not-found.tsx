import { ButtonLink } from "@/components/ui/button";

export default function SignedInNotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">This page does not exist, or the item was deleted.</p>
      <ButtonLink href="/" className="mt-6">
        Back to the overview
      </ButtonLink>
    </div>
  );
}
