package io.vfbridge.virtfusion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the one redaction masks, and what it leaves readable. */
class RedactionTests {

	@Test
	void masksSecretValuesInJson() {
		assertThat(Redaction.text("{\"password\":\"p4ss\",\"name\":\"web1\",\"token\":\"t0k\"}"))
			.isEqualTo("{\"password\":\"******\",\"name\":\"web1\",\"token\":\"******\"}");
	}

	@Test
	void masksAssignedAndColonSeparatedSecrets() {
		assertThat(Redaction.text("login failed: password=hunter2&user=ann"))
			.isEqualTo("login failed: password=******&user=ann");
		assertThat(Redaction.text("api_key: 'abc123'; retry")).isEqualTo("api_key: '******'; retry");
		assertThat(Redaction.text("secret: s3cr3t")).isEqualTo("secret: ******");
	}

	@Test
	void masksBearerTokensPrefixedSecretsAndUrlPasswords() {
		assertThat(Redaction.text("sent Authorization: Bearer eyJhbGciOi.x-y_z"))
			.isEqualTo("sent Authorization: Bearer ******");
		assertThat(Redaction.text("signed with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw and vfb_dev_0a1b"))
			.isEqualTo("signed with whsec_****** and vfb_******");
		assertThat(Redaction.text("GET https://ann:pa55@cp.example.com/api"))
			.isEqualTo("GET https://ann:******@cp.example.com/api");
	}

	@Test
	void leavesSentencesAboutSecretFieldsReadable() {
		assertThat(Redaction.text("password: The password must be at least 8 characters."))
			.isEqualTo("password: The password must be at least 8 characters.");
		assertThat(Redaction.text(null)).isNull();
	}

}
