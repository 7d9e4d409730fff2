// The admin's list of public status pages: address (opens signed-out view), groups, published or
// not, and edit / delete for admins; the form to add one below.
"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DeleteButton } from "@/components/common/delete-button";
import { useCan } from "@/components/auth/role-context";
import type { StatusPageView } from "@/lib/status-pages/schemas";
import { StatusPageForm } from "./status-page-form";

function Row({ page, groups, admin }: { page: StatusPageView; groups: string[]; admin: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="space-y-3 px-5 py-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <a href={`/status/${page.slug}`} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">/status/{page.slug}</a>
            {page.published ? <Badge tone="success">Published</Badge> : <Badge>Unpublished</Badge>}
          </div>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{page.title} · groups: {page.groups.join(", ")}</p>
        </div>
        {admin && (
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(!editing)} aria-expanded={editing}>{editing ? "Close" : "Edit"}</Button>
            <DeleteButton url={`/api/v1/status-pages/${page.id}`} noun="status page" name={`/status/${page.slug}`} redirectTo="/reachability/status-pages" consequence="Its address answers 404 from now on." />
          </div>
        )}
      </div>
      {editing && <StatusPageForm page={page} groups={groups} onDone={() => setEditing(false)} />}
    </li>
  );
}

export function StatusPageList({ pages, groups }: { pages: StatusPageView[]; groups: string[] }) {
  const admin = useCan("admin");
  return (
    <div className="space-y-6">
      <Card aria-labelledby="status-pages">
        <CardHeader id="status-pages" title="Status pages" description="Public, read-only pages of check groups, for family, friends or users: no sign-in needed." />
        {pages.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No status page yet.{admin ? " Create one below." : " An admin can create one."}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {pages.map((p) => <Row key={p.id} page={p} groups={groups} admin={admin} />)}
          </ul>
        )}
      </Card>
      {admin && (
        <Card aria-labelledby="new-status-page">
          <CardHeader id="new-status-page" title="New status page" />
          <CardBody>
            <StatusPageForm groups={groups} />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
