// Types of userapi/playground: importing it defines <update-user-playground>.
import type { BatchProgress, BatchReport, Request, SendResult, Violation } from './userapi.js';

export interface PlaygroundValidateDetail {
  valid: boolean;
  /** Body, base URL and token violations together, sorted. */
  violations: Violation[];
  /** Milliseconds the check took. */
  ms: number;
}

export interface PlaygroundSendDetail {
  /** The editor's text, the base URL and whether "Send anyway" was used. */
  body: string;
  baseUrl: string;
  force: boolean;
}

/** The outcome of a send, as api.send resolves it; the request's token is redacted. */
export type PlaygroundResponseDetail = SendResult & { request?: Request };

export interface PlaygroundEventMap extends HTMLElementEventMap {
  /** The core is loaded; the element is usable. */
  'userapi-ready': CustomEvent<void>;
  /** After every check (each edit of the body, base URL or token). */
  'userapi-validate': CustomEvent<PlaygroundValidateDetail>;
  /** Before a send; cancelable: preventDefault() keeps the request from being sent. */
  'userapi-send': CustomEvent<PlaygroundSendDetail>;
  /** After a send: the response, or why there is none (network, timeout, aborted, http, invalid). */
  'userapi-response': CustomEvent<PlaygroundResponseDetail>;
  /** The Batch tab: after each row is settled (sent, failed or skipped). */
  'userapi-batch-progress': CustomEvent<BatchProgress>;
  /** The Batch tab: the run ended (done, paused or cancelled); the report as api.sendBatch gives it. */
  'userapi-batch-done': CustomEvent<BatchReport>;
}

/** The element's attributes, as markup writes them. */
export interface PlaygroundAttributes {
  /** The preset base URL; default the page's origin. */
  'base-url'?: string;
  /** Where the token is kept: `memory` (the default) or `session` (sessionStorage, when asked). */
  'token-storage'?: 'memory' | 'session';
  /** `auto` (the default: the host page's theme, then the system's), `light` or `dark`. */
  theme?: 'auto' | 'light' | 'dark';
  /**
   * The language of the element's texts and messages: a BCP 47 tag (`de`, `pt-BR`, `ja`) or a
   * list. Default: the nearest `lang` (the element's, an ancestor's, the document's), then
   * `navigator.languages`; a language without a catalog is English. Live.
   */
  locale?: string;
}

/**
 * The element. Importing `userapi/playground` defines it in a browser; on a server (SSR) the import
 * defines nothing and never throws.
 *
 * <update-user-playground base-url="https://api.example.com" token-storage="memory" theme="auto">.
 *
 * Attributes: `base-url` (the preset base URL; default the page's origin), `token-storage`
 * (`memory`, the default, or `session`), `theme` (`auto`, the default, `light` or `dark`),
 * `locale` (the texts' language; default the nearest `lang`, then the browser's languages).
 * Branding: the CSS custom properties --userapi-bg, --userapi-card, --userapi-text,
 * --userapi-muted, --userapi-border, --userapi-accent, --userapi-accent-text, --userapi-error,
 * --userapi-error-bg, --userapi-warning, --userapi-warning-bg, --userapi-success,
 * --userapi-code-bg, --userapi-focus, --userapi-radius, --userapi-font, --userapi-mono-font;
 * parts: playground, header, status, card, problems, editor, snippet, send-button, response.
 */
export class UpdateUserPlayground extends HTMLElement {
  /** The body text in the editor; setting it replaces the text and validates it. */
  body: string;
  /** The base URL in the "Where to send" field. */
  baseUrl: string;
  /** Milliseconds the wasm core took to load, once ready. */
  readonly instantiateMs: number | undefined;
  /**
   * The catalog the element shows (`de`, `zh-Hans`, ...; `en` when nothing matched); setting it
   * sets the `locale` attribute.
   */
  locale: string;
  addEventListener<K extends keyof PlaygroundEventMap>(
    type: K,
    listener: (this: UpdateUserPlayground, event: PlaygroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof PlaygroundEventMap>(
    type: K,
    listener: (this: UpdateUserPlayground, event: PlaygroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'update-user-playground': UpdateUserPlayground;
  }
}
