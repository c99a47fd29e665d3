package io.vfbridge.virtfusion.model;

import java.util.Map;

/**
 * A DNS service (a provider account VirtFusion manages records with).
 *
 * @param id the service id
 * @param type the provider type: a code in the documentation's example ({@code 1}), a
 * name such as {@code powerdns} elsewhere; read as text either way
 * @param name the name
 * @param username the provider account
 * @param url the provider API URL
 * @param ip the provider address, if any
 * @param port the provider port
 * @param password the provider password, encrypted by VirtFusion (a secret)
 * @param config provider settings
 * @param subAccount whether it is a sub-account
 * @param capabilities the provider's capabilities, of undocumented shape (a code in the
 * documentation's example; a list or an object would be read as such)
 * @param enabled whether it is enabled
 * @param created when it was created
 * @param updated when it was last changed
 */
public record DnsService(Long id, String type, String name, String username, String url, String ip, Integer port,
		String password, Map<String, Object> config, Boolean subAccount, Object capabilities, Boolean enabled,
		String created, String updated) {

	public DnsService {
		config = Copies.map(config);
	}

	/** Masks the password so a service can be logged. */
	@Override
	public String toString() {
		return "DnsService[id=" + this.id + ", type=" + this.type + ", name=" + this.name + ", url=" + this.url
				+ ", username=" + this.username + ", password=******, enabled=" + this.enabled + "]";
	}

}
