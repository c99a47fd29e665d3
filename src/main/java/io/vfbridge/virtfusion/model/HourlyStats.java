package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

/**
 * A user's hourly self-service statistics for a period.
 *
 * @param periodId the period number, 0 for the current one
 * @param period the period's name ({@code January 2025})
 * @param previousPeriod the previous period's name
 * @param nextPeriod the next period's name
 * @param monthlyTotal the period's total
 * @param servers the number of servers
 * @param credit the credit balance
 * @param currency the display currency
 */
public record HourlyStats(Integer periodId, String period, String previousPeriod, String nextPeriod,
		UsageTotal monthlyTotal, Integer servers, Credit credit, CurrencyDisplay currency) {

	/**
	 * A credit balance.
	 *
	 * @param value the balance
	 */
	public record Credit(BigDecimal value) {
	}

}
