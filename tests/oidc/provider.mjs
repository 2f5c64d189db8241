// A real OpenID Connect provider on loopback, for RLFF's single sign-on tests (tests/oidc_provider.py).
//
// oidc-provider in development mode: its built-in login form (devInteractions) accepts any
// login and password, and the login typed becomes the account: the ID token says
// {sub: <login>, email: <login>, email_verified: true}. A login ending in "+unverified" (before the
// "@") gives email_verified: false, so a test can check that such an e-mail is refused.
//
// Settings come from the environment (all required but the host):
//   OIDC_PORT, OIDC_HOST (default 127.0.0.1), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
//   OIDC_REDIRECT_URI (the app's /oauth2callback; also the only allowed post-logout redirect).
// Prints "oidc-provider ready <issuer>" on stdout once it listens. Test use only: the signing
// keys are generated at each start and the cookie keys are fixed.
import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: set ${name}`);
    process.exit(2);
  }
  return value;
}

const host = process.env.OIDC_HOST || '127.0.0.1';
const port = Number(required('OIDC_PORT'));
const redirectUri = required('OIDC_REDIRECT_URI');
const issuer = `http://${host}:${port}`;

const configuration = {
  clients: [{
    client_id: required('OIDC_CLIENT_ID'),
    client_secret: required('OIDC_CLIENT_SECRET'),
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the scope's claims in the ID token itself, as Google and Entra do: Streamlit reads
  // st.user from the ID token only.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const verified = !id.split('@')[0].endsWith('+unverified');
        return { sub: id, email: id, email_verified: verified, name: id.split('@')[0] };
      },
    };
  },
  // No consent screen: a first-party app, every scope granted (oidc-provider's documented recipe).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['rlff-tests-only-not-a-secret'] },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, err) => console.error('server_error', err));
const server = provider.listen(port, host, () => {
  console.log(`oidc-provider ready ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
