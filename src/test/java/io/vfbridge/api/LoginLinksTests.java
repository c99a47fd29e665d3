package io.vfbridge.api;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The SSO host check: a login URL never leaves the configured panel. */
class LoginLinksTests {

	private static final URI PANEL = URI.create("https://cp.example.com/api/v1");

	@Test
	void buildsTheUrlFromThePanelHostAndTheRelativeEndpoint() {
		assertThat(LoginLinks.loginUrl(PANEL, "/token_authenticate/?1=abc&2=def"))
			.isEqualTo(URI.create("https://cp.example.com/token_authenticate/?1=abc&2=def"));
		assertThat(
				LoginLinks.loginUrl(URI.create("http://127.0.0.1:8080/simulator/api/v1"), "/token_authenticate/?1=a"))
			.isEqualTo(URI.create("http://127.0.0.1:8080/token_authenticate/?1=a"));
		assertThat(LoginLinks.loginUrl(URI.create("https://CP.example.com:443/api/v1"), "/token_authenticate/"))
			.hasHost("CP.example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example.net/token_authenticate/?1=a", "https://evil.example.net/x",
			"@evil.example.net/token_authenticate", "token_authenticate/?1=a", "/\\evil.example.net/",
			"/token authenticate/?1=a", "" })
	void refusesAnEndpointThatWouldLeaveThePanelHost(String endpoint) {
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> LoginLinks.loginUrl(PANEL, endpoint))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(502);
				assertThat(ex.getBody().getType().toString()).isEqualTo("urn:vfbridge:problem:unsafe-login-url");
				assertThat(ex.getBody().getDetail()).doesNotContain("evil");
			});
	}

	@Test
	void refusesAMissingEndpoint() {
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> LoginLinks.loginUrl(PANEL, null));
	}

	@Test
	void neverPrintsTheUrl() {
		LoginLinks.LoginLink link = new LoginLinks.LoginLink("https://cp.example.com/token_authenticate/?1=secret",
				"2026-11-26T12:01:00+00:00", 60);
		assertThat(link.toString()).doesNotContain("secret");
	}

}
