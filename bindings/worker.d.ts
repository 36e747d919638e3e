// Types of userapi/worker (bindings/worker.mjs): the core in a Web Worker.
import type {
  Body,
  BuildOptions,
  BuildResult,
  Contract,
  CreateOptions,
  Language,
  Limits,
  Report,
  Request,
  ResponseCheck,
  TokenMode,
} from './userapi.js';

export interface UserApiWorker {
  readonly version: string;
  readonly limits: Readonly<Limits>;
  readonly contract: Readonly<Contract>;
  validate(body: Body): Promise<Report>;
  buildRequest(body: Body, options: BuildOptions): Promise<BuildResult>;
  /** Rejects with a RangeError for an unknown language or token mode. */
  snippet(request: Request, language: Language, options?: { token?: TokenMode }): Promise<string>;
  checkResponse(status: number, text: string, sent?: Request | string): Promise<ResponseCheck>;
  /** Stops the worker; pending calls never settle. */
  terminate(): void;
}

/** Starts a module Web Worker that runs the core; resolves when it is ready. */
export function createUserApiWorker(
  options?: Pick<CreateOptions, 'wasmUrl' | 'wasmBytes'>,
): Promise<UserApiWorker>;
