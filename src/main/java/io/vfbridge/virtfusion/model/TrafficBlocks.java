package io.vfbridge.virtfusion.model;

import java.util.List;
import java.util.Map;

/**
 * A server's extra traffic blocks and the periods blocks can be added to.
 *
 * @param assigned the blocks added so far
 * @param available the periods offered for new blocks
 */
public record TrafficBlocks(List<Assigned> assigned, Available available) {

	public TrafficBlocks {
		assigned = Copies.list(assigned);
	}

	/**
	 * A block added to a server.
	 *
	 * @param id the block id (what {@code removeTrafficBlock} takes)
	 * @param current whether the block belongs to the current period
	 * @param month the period number
	 * @param traffic the extra traffic in GB
	 * @param start the period start ({@code YYYY-MM-DD hh:mm:ss})
	 * @param end the period end
	 * @param added when the block was added
	 */
	public record Assigned(Long id, Boolean current, Integer month, Long traffic, String start, String end,
			String added) {
	}

	/**
	 * The periods a block can be added to.
	 *
	 * @param total how many periods are offered
	 * @param current the current period
	 * @param months the offered periods, keyed by period number as a string ("1".."25")
	 */
	public record Available(Integer total, Period current, Map<String, Period> months) {

		public Available {
			months = Copies.map(months);
		}

	}

	/**
	 * A traffic period.
	 *
	 * @param month the period number
	 * @param start the start ({@code YYYY-MM-DD hh:mm:ss})
	 * @param end the end
	 */
	public record Period(Integer month, String start, String end) {
	}

}
