package io.vfbridge.virtfusion.model;

import java.util.List;

/**
 * A server's traffic per period, newest first.
 *
 * @param monthly the periods, newest first
 */
public record TrafficStatistics(List<Month> monthly) {

	public TrafficStatistics {
		monthly = Copies.list(monthly);
	}

	/**
	 * The traffic of one period.
	 *
	 * @param month the period number
	 * @param start the start ({@code YYYY-MM-DD hh:mm:ss})
	 * @param end the end
	 * @param rx bytes received
	 * @param tx bytes sent
	 * @param total bytes in both directions
	 * @param limit the allowance in GB, 0 for unlimited
	 * @param blocks the extra traffic blocks of the period
	 */
	public record Month(Integer month, String start, String end, Long rx, Long tx, Long total, Long limit,
			List<Block> blocks) {

		public Month {
			blocks = Copies.list(blocks);
		}

	}

	/**
	 * An extra traffic block.
	 *
	 * @param id the block id
	 * @param traffic the extra traffic in GB
	 */
	public record Block(Long id, Long traffic) {
	}

}
