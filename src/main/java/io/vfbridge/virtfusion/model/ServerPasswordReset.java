package io.vfbridge.virtfusion.model;

/**
 * Which account of a server gets a new generated password.
 *
 * @param user the account: {@code root} (Linux) or {@code Administrator} (Windows)
 * @param sendMail whether VirtFusion emails the password to the owner; null leaves
 * VirtFusion's default (true)
 */
public record ServerPasswordReset(String user, Boolean sendMail) {

	public ServerPasswordReset {
		if (user == null || user.isBlank()) {
			throw new IllegalArgumentException("a password reset needs the account name");
		}
	}

	/** Resets root's password without emailing it. */
	public static ServerPasswordReset rootWithoutMail() {
		return new ServerPasswordReset("root", false);
	}

}
