package io.vfbridge.security;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing with the first key, opening with any, and rotating without losing a secret. */
class SecretBoxTests {

	private static final String OLD_KEY = "T2xkIGtleSBvZiB0aGlydHktdHdvIGJ5dGVzLCBBRVM=";

	private static final String NEW_KEY = Base64.getEncoder()
		.encodeToString("New key of thirty-two bytes, AES".getBytes());

	/**
	 * Sealed with {@link #OLD_KEY} by the box as it was before key ids (nonce, then
	 * ciphertext and tag).
	 */
	private static final byte[] SEALED_WITHOUT_KEY_ID = HexFormat.of()
		.parseHex("7b42cd99784f656483fd66fab24bb88e8d7184024b56a4f2689012ce0668fc78bfa72ae0be2204ff52701caad5"
				+ "7cf8957a4de79f6cc77da9244ce655c0f4b7");

	@Test
	void opensASecretSealedBeforeKeyIdsWithTheOldKeyAfterANewFirstKeyIsAdded() {
		assertThat(new SecretBox(OLD_KEY).open(SEALED_WITHOUT_KEY_ID)).isEqualTo("root password sealed before key ids");
		assertThat(new SecretBox(List.of(NEW_KEY, OLD_KEY)).open(SEALED_WITHOUT_KEY_ID))
			.isEqualTo("root password sealed before key ids");
	}

	@Test
	void sealsWithTheFirstKeyAndOpensWithAnyConfiguredKey() throws Exception {
		byte[] sealedBeforeRotation = new SecretBox(OLD_KEY).seal("before");
		SecretBox rotating = new SecretBox(List.of(NEW_KEY, OLD_KEY));
		byte[] sealedDuringRotation = rotating.seal("during");
		assertThat(rotating.open(sealedBeforeRotation)).isEqualTo("before");
		assertThat(rotating.open(sealedDuringRotation)).isEqualTo("during");
		// the new key seals: once the old one is dropped, what was sealed during the
		// rotation still opens, what was sealed before does not
		SecretBox rotated = new SecretBox(NEW_KEY);
		assertThat(rotated.open(sealedDuringRotation)).isEqualTo("during");
		assertThatThrownBy(() -> rotated.open(sealedBeforeRotation)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("encryption-keys");
		// the sealed secret names its key: version 1, then the key's SHA-256 prefix
		byte[] keyHash = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(NEW_KEY));
		assertThat(sealedDuringRotation[0]).isEqualTo((byte) 1);
		assertThat(Arrays.copyOfRange(sealedDuringRotation, 1, 5)).isEqualTo(Arrays.copyOf(keyHash, 4));
	}

	@Test
	void refusesATamperedSecretOrHeader() {
		SecretBox box = new SecretBox(List.of(NEW_KEY, OLD_KEY));
		byte[] sealed = box.seal("secret");
		byte[] body = sealed.clone();
		body[body.length - 1] ^= 1;
		assertThatThrownBy(() -> box.open(body)).isInstanceOf(IllegalArgumentException.class);
		// naming the other key in the header does not make it open
		byte[] header = sealed.clone();
		header[1] ^= 1;
		assertThatThrownBy(() -> box.open(header)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesNoKeyABadKeyOrTheSameKeyTwice() {
		assertThatThrownBy(() -> new SecretBox(List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new SecretBox(List.of(NEW_KEY, "c2hvcnQ="))).hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> new SecretBox(List.of(NEW_KEY, NEW_KEY))).hasMessageContaining("twice");
	}

}
