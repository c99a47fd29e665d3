package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A user's self-service usage over one or more periods.
 *
 * @param user the user
 * @param usageServers server usage
 * @param usageServersBillable billable server usage
 * @param usageAddons add-on usage
 * @param usageAddonsBillable billable add-on usage
 * @param periods the periods asked for
 */
public record Usage(UsageUser user, Amount usageServers, Amount usageServersBillable, Amount usageAddons,
		Amount usageAddonsBillable, List<Period> periods) {

	public Usage {
		periods = Copies.list(periods);
	}

	/**
	 * The user the usage belongs to.
	 *
	 * @param id the internal user id
	 * @param relationalId the external relation id
	 * @param currency the user's currency, if set
	 * @param timezone the user's time zone
	 * @param name the name
	 * @param email the email address
	 */
	public record UsageUser(Long id, Long relationalId, String currency, String timezone, String name, String email) {
	}

	/**
	 * An amount of usage.
	 *
	 * @param hours hours used
	 * @param token tokens charged
	 * @param tokenReal tokens charged before rounding
	 */
	public record Amount(BigDecimal hours, BigDecimal token, BigDecimal tokenReal) {
	}

	/**
	 * The usage of one period.
	 *
	 * @param period the period's first day ({@code YYYY-MM-DD})
	 * @param range the period's length ({@code month})
	 * @param start the start
	 * @param end the end
	 * @param timezone the time zone
	 * @param currentPeriod whether it is the current period
	 * @param hoursInMonthPeriod the hours in the month
	 * @param monthToHourRate hours that make a month's price
	 * @param monthToHourRateType how the rate is set (a code)
	 * @param days days in the period
	 * @param hours hours in the period
	 * @param minutes minutes in the period
	 * @param seconds seconds in the period
	 * @param usageServers server usage
	 * @param usageServersBillable billable server usage
	 * @param usageAddons add-on usage
	 * @param usageAddonsBillable billable add-on usage
	 * @param servers per-server usage (shape undocumented)
	 */
	public record Period(String period, String range, String start, String end, String timezone, Boolean currentPeriod,
			BigDecimal hoursInMonthPeriod, BigDecimal monthToHourRate, Integer monthToHourRateType, Long days,
			Long hours, Long minutes, Long seconds, Amount usageServers, Amount usageServersBillable,
			Amount usageAddons, Amount usageAddonsBillable, List<Map<String, Object>> servers) {

		public Period {
			servers = Copies.list(servers);
		}

	}

}
