package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * An SSH key of a user. Adding a key answers only id, name, type and createdAt.
 *
 * @param id the key id (what {@code buildServer} takes in {@code sshKeys})
 * @param ownerId the owner's internal user id (in the server object only)
 * @param name the key's name
 * @param publicKey the OpenSSH public key ({@code public} in the server object)
 * @param type the key type ({@code OpenSSH})
 * @param enabled whether the key is enabled
 * @param created when it was added
 * @param updated when it was last changed
 * @param createdAt when it was added (the answer to adding a key)
 */
public record SshKey(Long id, Long ownerId, String name, @JsonAlias("public") String publicKey, String type,
		Boolean enabled, String created, String updated, String createdAt) {
}
