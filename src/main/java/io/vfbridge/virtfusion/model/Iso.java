package io.vfbridge.virtfusion.model;

import java.util.List;

/**
 * An ISO image servers can boot.
 *
 * @param id the ISO id
 * @param name the name
 * @param description the description
 * @param arch the architecture code
 * @param url where it is downloaded from
 * @param filename its file name
 * @param enabled whether it is enabled
 * @param config settings as a JSON string
 * @param global whether every user may use it
 * @param download whether it is downloaded
 * @param users the users it is limited to
 * @param created when it was added
 * @param updated when it was last changed
 */
public record Iso(Long id, String name, String description, Integer arch, String url, String filename, Boolean enabled,
		String config, Boolean global, Boolean download, List<Object> users, String created, String updated) {

	public Iso {
		users = Copies.list(users);
	}

}
