/**
 * Request headers that carry credentials, named once: a recording redacts
 * their values, and the editor offers to keep a value typed into one as a
 * secret.
 */
export const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|openai-api-key|anthropic-api-key|x-goog-api-key)$/i;

/** Whether a header's name says it carries a credential. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name.trim());
}
