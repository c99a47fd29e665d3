package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A user's self-service billing report for one period. Numbers VirtFusion sends as
 * {@code false} (no usage) read as null.
 *
 * @param usage the usage and its totals
 * @param currency the display currency
 * @param limits the resource pack limits
 */
public record Report(Totals usage, CurrencyDisplay currency, Limits limits) {

	/**
	 * Usage and totals of the period.
	 *
	 * @param servers per-server usage (shape undocumented)
	 * @param serversTotal the servers' total
	 * @param hourConversionRate the month-to-hour conversion rate
	 * @param monthlyTotal the period's total
	 * @param addonsTotal the add-ons' total
	 * @param taxStatus the tax status code
	 * @param success whether the report could be made
	 * @param history the history setting
	 * @param breakdown whether a breakdown is included
	 * @param term the period's name
	 * @param previousTerm the previous period's name
	 * @param nextTerm the next period's name
	 * @param period the period's dates
	 * @param showHourlyRate whether to show the hourly rate
	 * @param showMonthlyRate whether to show the monthly rate
	 */
	public record Totals(List<Map<String, Object>> servers, UsageTotal serversTotal, BigDecimal hourConversionRate,
			UsageTotal monthlyTotal, UsageTotal addonsTotal, Integer taxStatus, Boolean success, String history,
			Boolean breakdown, String term, String previousTerm, String nextTerm, Period period, Boolean showHourlyRate,
			Boolean showMonthlyRate) {

		public Totals {
			servers = Copies.list(servers);
		}

	}

	/**
	 * The dates of a period.
	 *
	 * @param ymd the period's first day ({@code YYYY-MM-DD})
	 * @param start the start
	 * @param end the end
	 */
	public record Period(String ymd, String start, String end) {
	}

	/**
	 * Resource pack limits.
	 *
	 * @param success whether they could be read
	 * @param packs the packs (shape undocumented)
	 */
	public record Limits(Boolean success, List<Map<String, Object>> packs) {

		public Limits {
			packs = Copies.list(packs);
		}

	}

}
