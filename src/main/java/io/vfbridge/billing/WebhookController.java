package io.vfbridge.billing;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.security.Problems;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: billing events as Standard Webhooks. The signature is checked
 * over the raw bytes before anything is parsed; the {@code webhook-id} is the idempotency
 * key.
 */
@RestController
class WebhookController {

	private final EventReader reader;

	private final WebhookVerifier verifier;

	private final EventIntake intake;

	WebhookController(EventReader reader, WebhookVerifier verifier, EventIntake intake) {
		this.reader = reader;
		this.verifier = verifier;
		this.intake = intake;
	}

	@PostMapping("/v1/events")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		byte[] body = this.reader.body(request, true);
		String id = request.getHeader("webhook-id");
		this.verifier.verify(id, request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), body);
		ObjectNode envelope = this.reader.object(body, "body");
		EventType type = this.reader.envelopeType(envelope);
		if (type.check() == EventType.Check.OPERATOR) {
			throw Problems
				.forbidden(type.wireName() + " is an operator command: send it over REST with an operator key");
		}
		EventData data = this.reader.data(type, envelope.get("data"), "data.");
		return IntakeResponses
			.of(this.intake.accept("webhook", "webhook:" + id, sha256(body), type, data, envelope.toString()));
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
