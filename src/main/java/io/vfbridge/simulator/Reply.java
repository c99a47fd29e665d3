package io.vfbridge.simulator;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers as VirtFusion writes them: JSON serialised by the simulator's own mapper, or no
 * body at all (201/204 and the 200s the reference marks empty).
 */
final class Reply {

	private Reply() {
	}

	static ServerResponse json(int status, Object body) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
	}

	static ServerResponse ok(Object body) {
		return json(200, body);
	}

	/** 200 with the payload wrapped in {@code {"data": ...}}. */
	static ServerResponse data(Object payload) {
		return json(200, Json.data(payload));
	}

	static ServerResponse empty(int status) {
		return ServerResponse.status(status).build();
	}

	/** The URL of the request without its query: the paginator's {@code path}. */
	static String pathUrl(ServerRequest request) {
		URI uri = request.uri();
		return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

}
