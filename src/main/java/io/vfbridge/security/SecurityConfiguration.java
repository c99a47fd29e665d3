package io.vfbridge.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UrlPathHelper;

/**
 * Spring Security at the edge, stateless, by API key ({@code Authorization: Bearer}):
 * <ul>
 * <li>the liveness and readiness probes are open; {@code prometheus} and {@code health}
 * (with details) need {@code metrics} or {@code operator}; every other actuator endpoint
 * needs {@code operator}, on the main port or a separate management port;</li>
 * <li>the signed webhook ({@code POST /v1/events}) is authenticated by its signature
 * only;</li>
 * <li>every other {@code /v1} request is authorized by its handler's
 * {@link RequiresRole}, and denied when the handler declares none;</li>
 * <li>the rest (the operator page's files, the API documentation, the built-in simulator
 * with its own token) is open.</li>
 * </ul>
 * Wrong keys are throttled per client address, valid keys by their request rate; the
 * default {@code StrictHttpFirewall} rejects ambiguous URLs with a 400 problem; no
 * session, no CSRF token (no cookies), no form login or HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** The actuator endpoints a {@code metrics} key may read. */
	static final Set<String> METRICS_ENDPOINTS = Set.of("health", "prometheus");

	/** The operator page's policy: its own scripts and styles only, never framed. */
	static final String OPERATOR_PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** Everything else answers JSON: nothing to load, never framed. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/v1/**");

	private static final RequestMatcher WEBHOOK = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/v1/events");

	@Bean
	ApiKeys apiKeys(SecurityProperties properties) {
		return new ApiKeys(properties);
	}

	@Bean
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys keys) {
		return new ApiKeyAuthenticationProvider(keys);
	}

	@Bean
	SecurityProblems securityProblems(
			@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> errors) {
		return new SecurityProblems(errors::getObject);
	}

	@Bean
	SecretBox secretBox(SecurityProperties properties) {
		if (properties.effectiveEncryptionKeys().isEmpty()) {
			log.warn("No vfbridge.security.encryption-key is set: secrets awaiting delivery are encrypted with a "
					+ "key that dies with this process. Set one for anything but a local trial.");
			return SecretBox.ephemeral();
		}
		return new SecretBox(properties.effectiveEncryptionKeys());
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
			ApiKeyAuthenticationProvider provider, SecurityProblems problems, ApplicationEventPublisher events,
			Clock clock,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers) {
		FailedAuthentications failures = new FailedAuthentications(properties.failedAuthentication(), clock);
		// where API keys count: the built-in simulator takes its own bearer token
		RequestMatcher keyed = new OrRequestMatcher(EndpointRequest.toAnyEndpoint(),
				new AndRequestMatcher(API, new NegatedRequestMatcher(WEBHOOK)));
		AuthenticationFilter authentication = new AuthenticationFilter(new ProviderManager(provider),
				ApiKeyAuthentication::presentedBy);
		authentication.setRequestMatcher(keyed);
		authentication.setSuccessHandler(new ApiKeyAccepted(new ApiRateLimits(properties), events, problems));
		authentication.setFailureHandler((request, response, failure) -> {
			failures.record(request.getRemoteAddr());
			problems.render(request, response, Problems.unauthenticated("the API key is not valid"));
		});
		RequestMatcher operatorPage = PathPatternRequestMatcher.withDefaults().matcher("/ops/**");
		RequestMatcher apiDocumentation = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"));
		return http.csrf((csrf) -> csrf.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new FailedAuthenticationFilter(failures, keyed, problems), BasicAuthenticationFilter.class)
			.addFilterAt(authentication, BasicAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(new AndRequestMatcher(EndpointRequest.to("health"), probe()))
						.permitAll()
						.requestMatchers(EndpointRequest.to(METRICS_ENDPOINTS.toArray(String[]::new)))
						.hasAnyRole(Role.OPERATOR.name(), Role.METRICS.name())
						.requestMatchers(EndpointRequest.toAnyEndpoint())
						.hasRole(Role.OPERATOR.name())
						.requestMatchers(WEBHOOK)
						.permitAll()
						.requestMatchers(API)
						.access(new RequiresRoleAuthorization(handlers::getObject))
						.anyRequest()
						.permitAll())
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frames) -> frames.deny())
				// written on secure requests only (TLS, or a proxy's X-Forwarded-Proto
				// with
				// server.forward-headers-strategy)
				.httpStrictTransportSecurity(
						(hsts) -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds()).includeSubDomains(true))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(operatorPage,
						new ContentSecurityPolicyHeaderWriter(OPERATOR_PAGE_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						new NegatedRequestMatcher(new OrRequestMatcher(operatorPage, apiDocumentation)),
						new ContentSecurityPolicyHeaderWriter(API_POLICY))))
			.build();
	}

	/**
	 * The two probes, health groups under the health endpoint (whose matcher knows the
	 * actuator's base path and port).
	 */
	private static RequestMatcher probe() {
		return (request) -> {
			String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
			return path.endsWith("/health/liveness") || path.endsWith("/health/readiness");
		};
	}

}
