// An admin console in React + TypeScript (strict): the playground as a component with typed
// callbacks, and the bare tag with its JSX typings. The console's state follows the events.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { UpdateUserPlayground, type PlaygroundElement } from 'userapi/react';
import 'userapi/playground';

function Console() {
  const playground = useRef<PlaygroundElement>(null);
  const [problems, setProblems] = useState<number | undefined>();
  const [status, setStatus] = useState('not sent');
  const base = new URLSearchParams(location.search).get('base') ?? undefined;
  return (
    <main>
      <h1>User groups</h1>
      <p>
        <span id="problems">{problems === undefined ? 'loading' : `${problems} problems`}</span> ·{' '}
        <span id="last-status">{status}</span>
      </p>
      <UpdateUserPlayground
        ref={playground}
        baseUrl={base}
        theme="light"
        onValidate={(event) => setProblems(event.detail.violations.length)}
        onSend={(event) => event.detail.body.includes('"forbidden"') && event.preventDefault()}
        onResponse={(event) => setStatus(event.detail.ok ? `HTTP ${event.detail.status}` : event.detail.kind)}
        onBatchDone={(event) => setStatus(`batch: ${event.detail.summary.succeeded} succeeded`)}
      />
      <details>
        <summary>The bare tag</summary>
        <update-user-playground id="bare" base-url={base} token-storage="memory" theme="dark" />
      </details>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
