package io.vfbridge.virtfusion.model;

/**
 * A user's new panel login after a password reset.
 *
 * @param email the login email
 * @param password the generated password, in clear
 */
public record UserCredentials(String email, String password) {

	/** Masks the password so the credentials can be logged. */
	@Override
	public String toString() {
		return "UserCredentials[email=" + this.email + ", password=******]";
	}

}
