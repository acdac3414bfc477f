/** Credentials the host does not accept; the message says why without echoing them. */
export class CredentialRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialRejection';
  }
}

/** The key set of JWT_JWKS_URL could not be read: the caller is not at fault (503, not 401). */
export class KeySetUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySetUnavailable';
  }
}
