package io.vfbridge.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vfbridge.billing.InvalidRequestException;
import io.vfbridge.security.Problems;
import io.vfbridge.virtfusion.model.HourlyStats;
import io.vfbridge.virtfusion.model.Report;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.Usage;
import io.vfbridge.virtfusion.model.UsageRange;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Reads about one billing customer's VirtFusion user, live and never cached: SSH keys and
 * self-service (hourly statistics, usage, the billing report). Query parameters are
 * checked here, so a bad one is a 400 naming it rather than VirtFusion's error.
 */
@Service
class CustomerReads {

	/** The oldest report period VirtFusion keeps (0 is the current one). */
	static final int MAX_REPORT_PERIOD = 24;

	private final Targets targets;

	CustomerReads(Targets targets) {
		this.targets = targets;
	}

	List<SshKey> sshKeys(String customerId, String panel) {
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		return target.client().listUserSshKeys(target.userId());
	}

	/** One SSH key of the customer; a key of another user is not found. */
	SshKey sshKey(String customerId, String panel, long keyId) {
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		long userId = target.userId();
		SshKey key = CatalogReads.notFoundAs(() -> target.client().getSshKey(keyId), "ssh-key-not-found",
				"SSH key not found", "VirtFusion has no SSH key " + keyId);
		if (key.ownerId() != null && key.ownerId() != userId) {
			throw Problems.problem(HttpStatus.NOT_FOUND, "ssh-key-not-found", "SSH key not found",
					"SSH key " + keyId + " does not belong to customer " + customerId);
		}
		return key;
	}

	HourlyStats hourlyStats(String customerId, String panel, List<String> periods, String range) {
		List<LocalDate> days = periods(periods);
		UsageRange length = range(range);
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		return target.client().getHourlyStats(target.extRelationId(), days, length);
	}

	Usage usage(String customerId, String panel, List<String> periods, String range) {
		List<LocalDate> days = periods(periods);
		UsageRange length = range(range);
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		return target.client().getUsage(target.extRelationId(), days, length);
	}

	Report report(String customerId, String panel, String period, String currency) {
		Integer number = reportPeriod(period);
		String code = currency(currency);
		Targets.CustomerTarget target = this.targets.customer(customerId, panel);
		return target.client().generateReport(target.extRelationId(), number, code);
	}

	static List<LocalDate> periods(List<String> periods) {
		List<LocalDate> days = new ArrayList<>();
		for (String period : (periods != null) ? periods : List.<String>of()) {
			try {
				days.add(LocalDate.parse(period.trim()));
			}
			catch (DateTimeParseException ex) {
				throw new InvalidRequestException("period", "'" + period + "' is not a date (YYYY-MM-DD)");
			}
		}
		return days;
	}

	static UsageRange range(String range) {
		if (range == null || range.isBlank()) {
			return null;
		}
		for (UsageRange candidate : UsageRange.values()) {
			if (candidate.code().equals(range.trim())) {
				return candidate;
			}
		}
		throw new InvalidRequestException("range", "must be one of d, w, 2w, 3w, m");
	}

	static Integer reportPeriod(String period) {
		if (period == null || period.isBlank()) {
			return null;
		}
		try {
			int number = Integer.parseInt(period.trim());
			if (number >= 0 && number <= MAX_REPORT_PERIOD) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidRequestException("period",
				"must be a number from 0 (the current period) to " + MAX_REPORT_PERIOD + " (periods back)");
	}

	static String currency(String currency) {
		if (currency == null || currency.isBlank()) {
			return null;
		}
		if (!currency.trim().matches("[A-Za-z]{3}")) {
			throw new InvalidRequestException("currency", "must be a three-letter currency code such as USD");
		}
		return currency.trim().toUpperCase(Locale.ROOT);
	}

}
