package io.vfbridge.virtfusion.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A group of OS templates (a distribution) offered for a server or a package.
 *
 * @param id the group id
 * @param name the distribution name
 * @param description the description
 * @param icon the icon file name
 * @param templates the templates
 */
public record OsTemplateGroup(Long id, String name, String description, String icon, List<Template> templates) {

	public OsTemplateGroup {
		templates = Copies.list(templates);
	}

	/**
	 * An OS template: what {@code buildServer} takes as {@code operatingSystemId}.
	 *
	 * @param id the template id
	 * @param name the name
	 * @param version the version
	 * @param variant the variant, may be null or empty
	 * @param arch the architecture code
	 * @param description the description
	 * @param icon the icon file name
	 * @param eol whether it is end of life
	 * @param eolDate the end-of-life date ({@code eol_date})
	 * @param eolWarning whether to warn about end of life ({@code eol_warning})
	 * @param deployType the deployment type code ({@code deploy_type})
	 * @param vnc whether installing needs VNC
	 * @param type {@code linux}, {@code unix}, {@code windows}, ...
	 */
	public record Template(Long id, String name, String version, String variant, Integer arch, String description,
			String icon, Boolean eol, @JsonProperty("eol_date") String eolDate,
			@JsonProperty("eol_warning") Boolean eolWarning, @JsonProperty("deploy_type") Integer deployType,
			Boolean vnc, String type) {

		/** The display name: name, version and the variant when there is one. */
		public String displayName() {
			StringBuilder display = new StringBuilder(String.valueOf(this.name));
			if (this.version != null && !this.version.isBlank()) {
				display.append(' ').append(this.version);
			}
			if (this.variant != null && !this.variant.isBlank()) {
				display.append(' ').append(this.variant);
			}
			return display.toString();
		}

	}

}
