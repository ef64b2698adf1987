package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The JWKS named by an OpenID Connect discovery document, found on the first fetch rather than at start-up, so that
 * Kyuubi starts while the identity provider is down, and so that failed discoveries are cached, rate limited and
 * outage tolerated with the key fetches they precede. The document's {@code issuer} must be the configured one
 * (OpenID Connect Discovery 1.0, section 4.3): else a look-alike document could hand out its own keys.
 */
final class DiscoveredJwkSetSource implements JWKSetSource<SecurityContext> {
    private final URI discoveryUrl;
    private final String issuer;
    private final ResourceRetriever retriever;
    // Resolved once: callers are serialised by the cache's refresh lock, and a second resolution would be harmless.
    private volatile URLBasedJWKSetSource<SecurityContext> jwks;

    DiscoveredJwkSetSource(URI discoveryUrl, String issuer, ResourceRetriever retriever) {
        this.discoveryUrl = requireNonNull(discoveryUrl, "discoveryUrl is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.retriever = requireNonNull(retriever, "retriever is null");
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        URLBasedJWKSetSource<SecurityContext> source = jwks;
        if (source == null) {
            source = new URLBasedJWKSetSource<>(discover(), retriever);
            jwks = source;
        }
        return source.getJWKSet(refreshEvaluator, currentTime, context);
    }

    private java.net.URL discover() throws JWKSetUnavailableException {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(
                    retriever.retrieveResource(discoveryUrl.toURL()).getContent());
        } catch (IOException e) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery at " + discoveryUrl + " failed: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery document at " + discoveryUrl + " is no JSON object: " + e.getMessage(),
                    e);
        }
        String documentIssuer;
        URI jwksUri;
        try {
            documentIssuer = JSONObjectUtils.getString(document, "issuer");
            jwksUri = JSONObjectUtils.getURI(document, "jwks_uri");
        } catch (ParseException e) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery document at " + discoveryUrl + " is invalid: " + e.getMessage(), e);
        }
        if (!issuer.equals(documentIssuer)) {
            throw new JWKSetUnavailableException("OpenID Connect discovery document at " + discoveryUrl
                    + " names the issuer [" + documentIssuer + "], not the configured [" + issuer + "]");
        }
        if (jwksUri == null) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery document at " + discoveryUrl + " has no jwks_uri");
        }
        String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
        boolean secureDiscovery = discoveryUrl.getScheme().equalsIgnoreCase("https");
        // No downgrade: keys fetched over http from an https issuer could be swapped on the way.
        if (!(scheme.equals("https") || (scheme.equals("http") && !secureDiscovery)) || jwksUri.getHost() == null) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery document at " + discoveryUrl + " names the jwks_uri [" + jwksUri
                            + "], which is no " + (secureDiscovery ? "https" : "http(s)") + " URL");
        }
        try {
            return jwksUri.toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new JWKSetUnavailableException(
                    "OpenID Connect discovery document at " + discoveryUrl + " names an invalid jwks_uri: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() throws IOException {
        URLBasedJWKSetSource<SecurityContext> source = jwks;
        if (source != null) {
            source.close();
        }
    }
}
