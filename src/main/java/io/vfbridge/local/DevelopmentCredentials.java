package io.vfbridge.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The credentials of the local default run: when nothing is configured (no datasource
 * URL, no webhook secret, the embedded database enabled), a webhook secret and an
 * operator API key are generated once into {@code ./.vfbridge/dev-credentials.properties}
 * (created readable by the owner only) and used from there, so
 * {@code scripts/send-sample-event.sh} can sign events. They are never written to a log.
 */
public class DevelopmentCredentials implements EnvironmentPostProcessor, Ordered {

	/** Where the credentials live, relative to the working directory. */
	static final Path FILE = Path.of(".vfbridge", "dev-credentials.properties");

	static final String SECRET = "webhook-secret";

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	static final String API_KEY = "api-key";

	/**
	 * Set when the credentials came from this class, so the run can say where they are.
	 */
	static final String ACTIVE = "vfbridge.local.development-credentials";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")
				|| !environment.getProperty("vfbridge.local.embedded-database.enabled", Boolean.class, true)
				|| environment.containsProperty("vfbridge.billing.webhook-secrets[0]")
				|| environment.containsProperty("vfbridge.billing.webhook-secrets")) {
			return;
		}
		Properties credentials = loadOrCreate(FILE);
		Map<String, Object> properties = new HashMap<>();
		properties.put("vfbridge.billing.webhook-secrets[0]", credentials.getProperty(SECRET));
		properties.put("vfbridge.security.api-keys.local-developer.sha256", sha256(credentials.getProperty(API_KEY)));
		properties.put("vfbridge.security.api-keys.local-developer.roles", "operator");
		properties.put(ACTIVE, FILE.toString());
		environment.getPropertySources().addLast(new MapPropertySource("vfbridge-development-credentials", properties));
	}

	/** The credentials in the file, created with fresh random values when missing. */
	static Properties loadOrCreate(Path file) {
		Properties credentials = new Properties();
		try {
			if (Files.isRegularFile(file)) {
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					credentials.load(reader);
				}
				if (credentials.getProperty(SECRET) != null && credentials.getProperty(API_KEY) != null) {
					return credentials;
				}
			}
			SecureRandom random = new SecureRandom();
			byte[] secret = new byte[32];
			random.nextBytes(secret);
			byte[] key = new byte[24];
			random.nextBytes(key);
			credentials.setProperty(SECRET, "whsec_" + Base64.getEncoder().encodeToString(secret));
			credentials.setProperty(API_KEY, "vfb_dev_" + HexFormat.of().formatHex(key));
			write(file, credentials);
			return credentials;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not keep development credentials in " + file, ex);
		}
	}

	/**
	 * Writes the file owner-only from its first byte: a temporary file created with
	 * {@code rw-------} in a folder created with {@code rwx------}, then moved into place
	 * atomically, so the credentials are never readable by others, not even for an
	 * instant, and a crash never leaves half a file. On a file system without POSIX
	 * permissions (Windows) the file gets the folder's default access.
	 */
	static void write(Path file, Properties credentials) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
		if (posix) {
			if (!Files.isDirectory(folder)) {
				Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
			}
		}
		else {
			Files.createDirectories(folder);
		}
		Path temporary = posix
				? Files.createTempFile(folder, ".dev-credentials", ".tmp",
						PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
				: Files.createTempFile(folder, ".dev-credentials", ".tmp");
		try {
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				credentials.store(writer, "vfbridge local default run: development credentials, never for production");
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
