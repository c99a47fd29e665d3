package io.vfbridge.simulator;

import java.time.Instant;

/**
 * An SSH public key stored for a user.
 */
record SshKey(int id, int userId, String name, String publicKey, String type, Instant created) {

}
