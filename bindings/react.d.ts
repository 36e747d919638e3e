// Types of userapi/react: the <UpdateUserPlayground> component, and JSX typings for the bare
// <update-user-playground> tag in React (importing this module's types brings them in).
import type {
  CSSProperties,
  DetailedHTMLProps,
  ForwardRefExoticComponent,
  HTMLAttributes,
  RefAttributes,
} from 'react';
import type {
  PlaygroundAttributes,
  PlaygroundEventMap,
  UpdateUserPlayground as PlaygroundElement,
} from './playground.js';

export type { PlaygroundElement };

type Handler<K extends keyof PlaygroundEventMap> = (event: PlaygroundEventMap[K]) => void;

export interface UpdateUserPlaygroundProps extends Pick<
  HTMLAttributes<PlaygroundElement>,
  'id' | 'className' | 'title' | 'lang' | 'dir' | 'hidden' | 'slot'
> {
  /** The preset base URL (the `base-url` attribute); changing it later sets the field. */
  baseUrl?: string;
  /** `memory` (the default) or `session`. */
  tokenStorage?: PlaygroundAttributes['token-storage'];
  /** `auto` (the default: the host page's theme, then the system's), `light` or `dark`. */
  theme?: PlaygroundAttributes['theme'];
  /** The texts' language (the `locale` attribute; default the nearest `lang`, then the browser's). */
  locale?: PlaygroundAttributes['locale'];
  /** The body text in the editor; setting a new value replaces the text. */
  body?: string;
  /** The height kept for the element before it draws itself (a CSS length; default `100vh`). */
  reservedHeight?: string | number;
  style?: CSSProperties;
  /** The validator is loaded; the element is usable. */
  onReady?: Handler<'userapi-ready'>;
  /** After every check (each edit of the body, base URL or token). */
  onValidate?: Handler<'userapi-validate'>;
  /** Before a send; `event.preventDefault()` keeps the request from being sent. */
  onSend?: Handler<'userapi-send'>;
  /** After a send: the response, or why there is none. */
  onResponse?: Handler<'userapi-response'>;
  /** The Batch tab: after each row is settled. */
  onBatchProgress?: Handler<'userapi-batch-progress'>;
  /** The Batch tab: the run ended; the report. */
  onBatchDone?: Handler<'userapi-batch-done'>;
  [data: `data-${string}`]: string | undefined;
  [aria: `aria-${string}`]: string | undefined;
}

/** The playground as a React component (a client component); `ref` is the element. */
export const UpdateUserPlayground: ForwardRefExoticComponent<
  UpdateUserPlaygroundProps & RefAttributes<PlaygroundElement>
>;

/** The height the component keeps for the element until it draws itself. */
export const RESERVED_HEIGHT: string;

/** The bare tag in JSX: attributes as markup writes them; React 19 binds `onuserapi-*` events. */
export type PlaygroundJSXProps = DetailedHTMLProps<HTMLAttributes<PlaygroundElement>, PlaygroundElement> &
  PlaygroundAttributes & {
    class?: string;
    'onuserapi-ready'?: Handler<'userapi-ready'>;
    'onuserapi-validate'?: Handler<'userapi-validate'>;
    'onuserapi-send'?: Handler<'userapi-send'>;
    'onuserapi-response'?: Handler<'userapi-response'>;
    'onuserapi-batch-progress'?: Handler<'userapi-batch-progress'>;
    'onuserapi-batch-done'?: Handler<'userapi-batch-done'>;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'update-user-playground': PlaygroundJSXProps;
    }
  }
}
