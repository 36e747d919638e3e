'use client';
// userapi/react: <UpdateUserPlayground> for React 18 and 19, a thin wrapper over the custom
// element. Props become the element's attributes (so a server render carries them), callbacks its
// events (React 18 has no custom-element events, and React 19 would need `onuserapi-send`). The
// element's module loads in the browser only, after the first render: a server component may
// render this one, and the server never evaluates the element.
import { createElement, forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

const TAG = 'update-user-playground';
const EVENTS = {
  onReady: 'userapi-ready',
  onValidate: 'userapi-validate',
  onSend: 'userapi-send',
  onResponse: 'userapi-response',
  onBatchProgress: 'userapi-batch-progress',
  onBatchDone: 'userapi-batch-done',
};
// The height the server render keeps for the element until it draws itself: a screen, which the
// drawn element always exceeds (its two-pane layout at 1280x800 is ~1,200 px), so what follows it
// starts below the fold and never moves in view (no layout shift).
export const RESERVED_HEIGHT = '100vh';

export const UpdateUserPlayground = forwardRef(function UpdateUserPlayground(props, ref) {
  const {
    baseUrl,
    tokenStorage,
    theme,
    locale,
    body,
    reservedHeight = RESERVED_HEIGHT,
    style,
    ...rest
  } = props;
  for (const name of Object.keys(EVENTS)) delete rest[name];
  const element = useRef(null);
  const latest = useRef(props);
  latest.current = props;
  useImperativeHandle(ref, () => element.current, []);

  useEffect(() => {
    const el = element.current;
    const listeners = Object.entries(EVENTS).map(([prop, type]) => {
      const listener = (event) => latest.current[prop]?.(event);
      el.addEventListener(type, listener);
      return [type, listener];
    });
    import('./playground.js');
    return () => listeners.forEach(([type, listener]) => el.removeEventListener(type, listener));
  }, []);

  // Properties only once the element is defined: set earlier, they would shadow its accessors.
  useEffect(
    () => whenDefined(element, (el) => body !== undefined && el.body !== body && (el.body = body)),
    [body],
  );
  useEffect(
    () =>
      whenDefined(element, (el) => baseUrl !== undefined && el.baseUrl !== baseUrl && (el.baseUrl = baseUrl)),
    [baseUrl],
  );

  return createElement(TAG, {
    ...rest,
    ref: element,
    'base-url': baseUrl,
    'token-storage': tokenStorage,
    theme,
    locale,
    style: { display: 'block', minHeight: reservedHeight, ...style },
  });
});

function whenDefined(element, apply) {
  let live = true;
  customElements.whenDefined(TAG).then(() => live && element.current && apply(element.current));
  return () => {
    live = false;
  };
}
