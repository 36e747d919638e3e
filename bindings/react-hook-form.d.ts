// Types of userapi/react-hook-form (bindings/react-hook-form.mjs). Structural, so the package
// needs no dependency on react-hook-form: a Resolver<TFieldValues> accepts this function.
import type { Body, Code, LocaleRequest, UserApi, Violation } from './userapi.js';

/** One field's error, as react-hook-form shows it: `type` is the core's code. */
export interface UserApiFieldError {
  type: Code;
  message: string;
  /** With criteriaMode: 'all', every violation of the field by code. */
  types?: Partial<Record<Code, string>>;
}

/** Nested like the form's values: errors.mapping?.['40']?.message. "root" is the whole body. */
export interface UserApiFieldErrors {
  [field: string]: UserApiFieldError | UserApiFieldErrors;
}

export interface UserApiResolverOptions<TValues = Record<string, unknown>> {
  /** The messages' language: 'de', 'pt-BR', navigator.languages, ... (unknown: English). */
  locale?: LocaleRequest;
  /** A loaded module to use; default: createUserApi({ locale }) on first use. */
  api?: UserApi;
  /** The body the values stand for; default formToBody. */
  toBody?: (values: TValues) => Body;
  /** The field a violation belongs to; default fieldOf. Return undefined for the default. */
  fieldFor?: (violation: Violation, values: TValues) => string | undefined;
  /** Show warnings (mapping.numeric_value, nothing_to_update) too; they never block submitting. */
  warnings?: boolean;
}

/** A react-hook-form Resolver: `errors` holds UserApiFieldErrors (typed loosely, so it fits FieldErrors). */
export type UserApiResolver<TValues> = (
  values: TValues,
  context: unknown,
  options: { criteriaMode?: 'firstError' | 'all' },
) => Promise<
  { values: TValues; errors: Record<string, never> } | { values: Record<string, never>; errors: any }
>;

export function userapiResolver<TValues extends Record<string, any> = Record<string, any>>(
  options?: UserApiResolverOptions<TValues>,
): UserApiResolver<TValues>;

/** RFC 6901 tokens of a pointer: "/properties/a~1b" -> ["properties", "a/b"]. */
export function pointerTokens(pointer: string): string[];

/** mapping/properties rows of {key, value} as objects, blank rows dropped, empty name left out. */
export function formToBody<TValues extends Record<string, any>>(values: TValues): Body;

/** "mapping.40", "properties.2.key" (rows), "root" (the whole body). */
export function fieldOf(violation: Violation, values?: Record<string, any>): string;

/** The errors object for violations (rjsf, react-admin and others can walk it too). */
export function toFieldErrors(
  violations: readonly Violation[],
  options?: {
    values?: Record<string, any>;
    all?: boolean;
    warnings?: boolean;
    fieldFor?: (violation: Violation, values: any) => string | undefined;
  },
): UserApiFieldErrors;
