package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What to install on a server: build after create, or reinstall a built server. Only
 * {@code operatingSystemId} is required; null fields are left out.
 *
 * @param operatingSystemId the OS template id (from the template lists)
 * @param name the display name
 * @param hostname the host name
 * @param sshKeys ids of the owner's SSH keys to install
 * @param vnc whether to enable VNC
 * @param ipv6 whether to assign IPv6
 * @param email whether VirtFusion emails the build details to the owner
 * @param swap swap size: 256, 512 or 768 (MB) or 1, 1.5, 2, 3, 4, 5, 6 or 8 (GB)
 */
public record BuildServerRequest(Long operatingSystemId, String name, String hostname, List<Long> sshKeys, Boolean vnc,
		Boolean ipv6, Boolean email, BigDecimal swap) {

	private static final List<BigDecimal> SWAP_SIZES = List
		.of("256", "512", "768", "1", "1.5", "2", "3", "4", "5", "6", "8")
		.stream()
		.map(BigDecimal::new)
		.toList();

	public BuildServerRequest {
		if (operatingSystemId == null || operatingSystemId < 1) {
			throw new IllegalArgumentException("a build needs an operatingSystemId");
		}
		if (name != null && name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank when given");
		}
		if (hostname != null && hostname.isBlank()) {
			throw new IllegalArgumentException("hostname must not be blank when given");
		}
		if (sshKeys != null) {
			if (sshKeys.stream().anyMatch(Objects::isNull)) {
				throw new IllegalArgumentException("sshKeys must not contain null");
			}
			sshKeys = List.copyOf(sshKeys);
		}
		if (swap != null && SWAP_SIZES.stream().noneMatch((size) -> size.compareTo(swap) == 0)) {
			throw new IllegalArgumentException("swap must be one of " + SWAP_SIZES);
		}
	}

	/** A builder for the given OS template. */
	public static Builder builder(long operatingSystemId) {
		return new Builder(operatingSystemId);
	}

	/** Builds a {@link BuildServerRequest}. */
	public static final class Builder {

		private final long operatingSystemId;

		private String name;

		private String hostname;

		private List<Long> sshKeys;

		private Boolean vnc;

		private Boolean ipv6;

		private Boolean email;

		private BigDecimal swap;

		private Builder(long operatingSystemId) {
			this.operatingSystemId = operatingSystemId;
		}

		/** The display name. */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/** The host name. */
		public Builder hostname(String hostname) {
			this.hostname = hostname;
			return this;
		}

		/** Ids of the owner's SSH keys to install. */
		public Builder sshKeys(List<Long> sshKeys) {
			this.sshKeys = sshKeys;
			return this;
		}

		/** Whether to enable VNC. */
		public Builder vnc(boolean vnc) {
			this.vnc = vnc;
			return this;
		}

		/** Whether to assign IPv6. */
		public Builder ipv6(boolean ipv6) {
			this.ipv6 = ipv6;
			return this;
		}

		/** Whether VirtFusion emails the build details to the owner. */
		public Builder email(boolean email) {
			this.email = email;
			return this;
		}

		/** The swap size (MB for 256–768, GB for 1–8). */
		public Builder swap(String swap) {
			this.swap = new BigDecimal(swap);
			return this;
		}

		/** The request; throws {@link IllegalArgumentException} when invalid. */
		public BuildServerRequest build() {
			return new BuildServerRequest(this.operatingSystemId, this.name, this.hostname, this.sshKeys, this.vnc,
					this.ipv6, this.email, this.swap);
		}

	}

}
