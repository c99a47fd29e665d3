package io.vfbridge.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.VirtFusionClients;
import io.vfbridge.virtfusion.model.LoginTokens;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Single sign-on into the VirtFusion panel: one-time login tokens turned into the panel
 * URL to redirect the browser to. The URL must stay on the configured panel's scheme,
 * host and port, whatever VirtFusion answers; it is never cached and never logged (the
 * tokens log the holder in).
 */
@Service
class LoginLinks {

	private final Targets targets;

	private final VirtFusionClients clients;

	LoginLinks(Targets targets, VirtFusionClients clients) {
		this.targets = targets;
		this.clients = clients;
	}

	/** A link that logs the service's owner into the panel at the service's server. */
	LoginLink forService(String serviceId) {
		Targets.ServiceTarget target = this.targets.service(serviceId);
		LoginTokens tokens = target.client().createServerLoginTokens(target.owner(), target.serverId());
		return link(this.clients.apiBase(target.service().panel()), tokens);
	}

	/** A link that logs the customer into the panel. */
	LoginLink forCustomer(String customerId, String panel) {
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		LoginTokens tokens = target.client().createLoginTokens(target.extRelationId());
		return link(this.clients.apiBase(panel), tokens);
	}

	static LoginLink link(URI apiBase, LoginTokens tokens) {
		URI url = loginUrl(apiBase, tokens.endpointComplete());
		return new LoginLink(url.toString(), (tokens.expiry() != null) ? tokens.expiry().expires() : null,
				(tokens.expiry() != null) ? tokens.expiry().ttl() : null);
	}

	/**
	 * The panel's scheme and host (no API path) with VirtFusion's relative endpoint,
	 * refused unless the result is on the panel's scheme, host and port.
	 */
	static URI loginUrl(URI apiBase, String endpointComplete) {
		if (endpointComplete == null || !endpointComplete.startsWith("/") || endpointComplete.startsWith("//")
				|| endpointComplete.contains("\\")) {
			throw unsafe("VirtFusion's login endpoint is not a path on the panel");
		}
		URI url;
		try {
			url = new URI(apiBase.getScheme() + "://" + apiBase.getRawAuthority() + endpointComplete);
		}
		catch (URISyntaxException ex) {
			throw unsafe("VirtFusion's login endpoint is not a valid URL path");
		}
		boolean sameScheme = apiBase.getScheme().equalsIgnoreCase(url.getScheme());
		boolean sameHost = url.getHost() != null
				&& url.getHost().toLowerCase(Locale.ROOT).equals(apiBase.getHost().toLowerCase(Locale.ROOT));
		boolean samePort = port(url) == port(apiBase);
		if (!sameScheme || !sameHost || !samePort || url.getRawUserInfo() != null) {
			throw unsafe("the login URL would leave the panel host " + apiBase.getHost());
		}
		return url;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	// the detail never carries the endpoint: it holds the tokens
	private static ErrorResponseException unsafe(String detail) {
		return Problems.problem(HttpStatus.BAD_GATEWAY, "unsafe-login-url", "Unsafe login URL", detail);
	}

	/**
	 * A panel login link: redirect the browser to it at once.
	 *
	 * @param url the panel URL with the one-time tokens
	 * @param expiresAt when the tokens expire
	 * @param ttlSeconds how long the tokens live
	 */
	record LoginLink(String url, String expiresAt, Integer ttlSeconds) {

		/** Masks the URL: it logs whoever holds it in. */
		@Override
		public String toString() {
			return "LoginLink[url=******, expiresAt=" + this.expiresAt + "]";
		}

	}

}
