import type { ReactNode } from 'react';

export const metadata = { title: 'userapi in Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: 'system-ui' }}>
        <main style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>{children}</main>
      </body>
    </html>
  );
}
