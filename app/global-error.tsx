"use client";

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100dvh", margin: 0 }}>
        <div style={{ textAlign: "center" }}>
          <title>Homeport · Error</title>
          <h1 style={{ fontSize: "1.25rem" }}>Homeport hit an unexpected error</h1>
          <p style={{ color: "#71717a" }}>The details are in the server log.</p>
          <button type="button" onClick={() => retry()} style={{ marginTop: "1rem", padding: "0.5rem 1rem" }}>
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
