package io.vfbridge.virtfusion.model;

/**
 * The external key of a VirtFusion user: either the integer {@code extRelationId} billing
 * modules set at creation, or the string {@code relStr} (sent with {@code ?relStr=true}).
 *
 * @param value the integer id or the relStr string, as it goes into the path
 * @param relStr whether {@code value} is a relStr string
 */
public record ExtRelationId(String value, boolean relStr) {

	public ExtRelationId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("an external relation id must not be blank");
		}
		if (!relStr && !value.chars().allMatch(Character::isDigit)) {
			throw new IllegalArgumentException("an integer extRelationId must be digits only");
		}
	}

	/** The integer {@code extRelationId}. */
	public static ExtRelationId of(long extRelationId) {
		if (extRelationId < 0) {
			throw new IllegalArgumentException("extRelationId must not be negative");
		}
		return new ExtRelationId(Long.toString(extRelationId), false);
	}

	/** A {@code relStr} key. */
	public static ExtRelationId ofRelStr(String relStr) {
		return new ExtRelationId(relStr, true);
	}

	/** The value that goes into the path. */
	public String pathValue() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.relStr ? "relStr:" + this.value : this.value;
	}

}
