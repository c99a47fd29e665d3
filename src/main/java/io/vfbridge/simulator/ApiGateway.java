package io.vfbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What every VirtFusion call passes through: the bearer token check (401 with an empty
 * body), the fault plan, VirtFusion's error bodies, the call counters, and the delays and
 * dropped connections the faults ask for.
 */
final class ApiGateway {

	private static final Log logger = LogFactory.getLog(ApiGateway.class);

	private final byte[] expectedAuthorization;

	private final String apiRoot;

	private final FaultInjector faults;

	private final CallStats stats;

	ApiGateway(String token, String apiRoot, FaultInjector faults, CallStats stats) {
		this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
		this.apiRoot = apiRoot;
		this.faults = faults;
		this.stats = stats;
	}

	/** Wraps the handler of one operation, named by its method and template. */
	HandlerFunction<ServerResponse> operation(String method, String template, HandlerFunction<ServerResponse> handler) {
		String operation = method + " " + template;
		String normalised = FaultRule.normalise(template);
		return (request) -> serve(request, method, operation, normalised, handler);
	}

	private ServerResponse serve(ServerRequest request, String method, String operation, String normalisedTemplate,
			HandlerFunction<ServerResponse> handler) {
		this.stats.traced(operation, request.headers().firstHeader("traceparent"));
		if (!authorized(request)) {
			this.stats.record(operation, 401);
			return Reply.empty(401);
		}
		FaultInjector.Plan plan = this.faults.plan(method, normalisedTemplate,
				withoutTrailingSlash(relativePath(request)));
		if (plan.is(FaultKind.RESET) || plan.is(FaultKind.TIMEOUT)) {
			Duration hold = plan.is(FaultKind.TIMEOUT) ? plan.outcome().hold() : Duration.ZERO;
			pause(plan.delay().plus(hold));
			return drop(request, operation);
		}
		ServerResponse response = (plan.is(FaultKind.ERROR) || plan.is(FaultKind.RATE_LIMIT))
				? faultAnswer(plan.outcome()) : invoke(handler, request);
		pause(plan.delay());
		if (plan.is(FaultKind.LOST_RESPONSE)) {
			return drop(request, operation);
		}
		this.stats.record(operation, response.statusCode().value());
		return response;
	}

	/** Any call under the API root that no operation matches: Laravel's 404. */
	ServerResponse unknownRoute(ServerRequest request) {
		this.stats.record(request.method().name() + " (no such route)", 404);
		return Reply.json(404, Json.obj("message", "The route " + relativePath(request) + " could not be found."));
	}

	private boolean authorized(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		return header != null
				&& MessageDigest.isEqual(this.expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
	}

	private String relativePath(ServerRequest request) {
		String path = request.requestPath().pathWithinApplication().value();
		return path.startsWith(this.apiRoot) ? path.substring(this.apiRoot.length()) : path;
	}

	/**
	 * A rule for {@code /servers/7/suspend} also holds for {@code /servers/7/suspend/}.
	 */
	private static String withoutTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private static ServerResponse invoke(HandlerFunction<ServerResponse> handler, ServerRequest request) {
		try {
			return handler.handle(request);
		}
		catch (ApiError error) {
			return (error.body() != null) ? Reply.json(error.status(), error.body()) : Reply.empty(error.status());
		}
		catch (Exception ex) {
			// A simulator defect, not a VirtFusion behaviour: answer like a crashing
			// panel, loudly.
			logger.error("Simulator failed to handle " + request.method() + " " + request.path(), ex);
			return Reply.empty(500);
		}
	}

	private static ServerResponse faultAnswer(SimulatorProperties.Fault fault) {
		ServerResponse.BodyBuilder answer = ServerResponse.status(fault.status());
		if (fault.retryAfter() != null) {
			long seconds = (fault.retryAfter().toMillis() + 999) / 1000;
			answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}
		Object body = errorBody(fault);
		return (body != null) ? answer.contentType(MediaType.APPLICATION_JSON).body(Json.write(body)) : answer.build();
	}

	private static @Nullable Object errorBody(SimulatorProperties.Fault fault) {
		if (fault.errors() != null) {
			return Json.obj("errors", fault.errors());
		}
		return (fault.msg() != null) ? Json.obj("msg", fault.msg()) : null;
	}

	private ServerResponse drop(ServerRequest request, String operation) {
		this.stats.record(operation, 0);
		request.servletRequest().setAttribute(ConnectionDropValve.DROP_ATTRIBUTE, Boolean.TRUE);
		// Nothing of this is sent: the valve closes the connection before Tomcat writes
		// it.
		return ServerResponse.ok().build();
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
