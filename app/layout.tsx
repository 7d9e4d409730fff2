import type { Metadata, Viewport } from "next";
import { THEME_SCRIPT } from "@/lib/client/theme-script";
import { ServiceWorkerRegistration } from "@/components/checkin/sw-register";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Homeport", template: "%s · Homeport" },
  description: "Self-hosted control plane for your homelab",
  icons: { icon: "/favicon.svg", apple: "/icons/apple-touch-icon.png" },
  // Installed on a phone (app/manifest.ts): its own window, the check-in page first.
  appleWebApp: { capable: true, title: "Homeport", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets the `dark` class before React hydrates, hence the suppression.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh font-sans">
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
