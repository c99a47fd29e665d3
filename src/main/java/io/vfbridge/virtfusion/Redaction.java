package io.vfbridge.virtfusion;

import java.util.regex.Pattern;

/**
 * The one redaction of text that may carry a secret, applied wherever such text is kept
 * or shown: VirtFusion error bodies and messages (so exception messages, and the log
 * lines and problem bodies made from them), a job's {@code lastError} and a usage sync's
 * error before they are stored. It masks JSON values of secret fields, {@code key=value}
 * and {@code key: value} pairs of secret keys, bearer tokens, {@code whsec_} secrets,
 * {@code vfb_} API keys and passwords in URLs. A sentence about a field ("password: The
 * password must be 8 characters") stays readable.
 */
public final class Redaction {

	/** What replaces a secret. */
	public static final String MASK = "******";

	private static final String KEYS = "password|passwd|pwd|secret|client_secret|token|access_token|api[_-]?key|apikey";

	private static final Pattern JSON_VALUE = Pattern.compile(
			"(\"(?:password|decryptedPassword|encryptedPassword|expectedPassword|token|encryptedToken|publicKey|"
					+ "endpoint_complete|secret|api_key|apiKey|1|2)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ASSIGNED = Pattern.compile("\\b(" + KEYS + ")(\\s*=\\s*)([\"']?)[^\\s\"',;&)]+",
			Pattern.CASE_INSENSITIVE);

	/**
	 * {@code key: value} where the value is one word ending the clause, not a sentence.
	 */
	private static final Pattern COLON = Pattern.compile(
			"\\b(" + KEYS + ")(\\s*:\\s*)([\"']?)[^\\s\"',;)]+\\3(?=\\s*(?:$|[;,)\\]}]|\\R))",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern BEARER = Pattern.compile("\\b(Bearer\\s+)[A-Za-z0-9._~+/=-]+");

	private static final Pattern PREFIXED = Pattern.compile("\\b(whsec_|whpk_|vfb_)[A-Za-z0-9+/=_-]+");

	private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)[^/\\s@]+@");

	private Redaction() {
	}

	/** The text with every secret it recognises masked; null stays null. */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String redacted = JSON_VALUE.matcher(text).replaceAll("$1\"" + MASK + "\"");
		redacted = ASSIGNED.matcher(redacted).replaceAll("$1$2$3" + MASK);
		redacted = COLON.matcher(redacted).replaceAll("$1$2$3" + MASK + "$3");
		redacted = BEARER.matcher(redacted).replaceAll("$1" + MASK);
		redacted = PREFIXED.matcher(redacted).replaceAll("$1" + MASK);
		return URL_PASSWORD.matcher(redacted).replaceAll("$1" + MASK + "@");
	}

}
