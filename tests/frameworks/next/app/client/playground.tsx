'use client';
// The bare tag in a client component: the element's module imported at the top (on the server it
// defines nothing), the tag typed by userapi/react's JSX typings. Events through a ref: React 19
// does not attach `onuserapi-*` props when it hydrates server markup (react/react#35446), so a
// server-rendered page would miss them; userapi/react's callbacks have no such gap.
import 'userapi/playground';
import type { PlaygroundEventMap } from 'userapi/playground';
import type { PlaygroundElement } from 'userapi/react';
import { useEffect, useRef, useState } from 'react';

export function ClientPlayground({ base }: { base?: string }) {
  const [status, setStatus] = useState('not sent');
  const playground = useRef<PlaygroundElement>(null);
  useEffect(() => {
    const element = playground.current!;
    const onResponse = (event: PlaygroundEventMap['userapi-response']) =>
      setStatus(event.detail.ok ? `HTTP ${event.detail.status}` : event.detail.kind);
    element.addEventListener('userapi-response', onResponse);
    return () => element.removeEventListener('userapi-response', onResponse);
  }, []);
  return (
    <>
      <p id="last-status">{status}</p>
      <update-user-playground ref={playground} base-url={base} theme="auto" />
    </>
  );
}
