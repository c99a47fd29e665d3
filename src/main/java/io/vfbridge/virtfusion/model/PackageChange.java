package io.vfbridge.virtfusion.model;

import java.util.List;

/**
 * The answer to a package change: notes on the resources VirtFusion left unchanged (for
 * example, the primary disk is never shrunk). Empty when VirtFusion sent no body.
 *
 * @param info human-readable notes
 */
public record PackageChange(List<String> info) {

	/** The answer when VirtFusion sent no body. */
	public static final PackageChange NO_NOTES = new PackageChange(List.of());

	public PackageChange {
		info = Copies.list(info);
	}

}
