// The signed-in user's role for client components: `useCan("write")` hides what the server would refuse
// (the server enforces every scope; this only keeps buttons a viewer cannot use off the page).
"use client";

import { createContext, useContext } from "react";
import { ROLE_SCOPES, scopeCovers, type Scope, type UserRole } from "@/lib/auth/schemas";

const RoleContext = createContext<UserRole>("viewer");

export function RoleProvider({ role, children }: { role: UserRole; children: React.ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useRole(): UserRole {
  return useContext(RoleContext);
}

/** Whether the signed-in user's role grants the scope (read, write or admin). */
export function useCan(scope: Scope): boolean {
  return scopeCovers(ROLE_SCOPES[useContext(RoleContext)], scope);
}
