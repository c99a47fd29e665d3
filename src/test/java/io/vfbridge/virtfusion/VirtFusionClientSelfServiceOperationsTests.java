package io.vfbridge.virtfusion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.vfbridge.virtfusion.model.CreatedId;
import io.vfbridge.virtfusion.model.CreditGrant;
import io.vfbridge.virtfusion.model.Currency;
import io.vfbridge.virtfusion.model.ExtRelationId;
import io.vfbridge.virtfusion.model.HourlyResourcePack;
import io.vfbridge.virtfusion.model.HourlyStats;
import io.vfbridge.virtfusion.model.ProfileAssignment;
import io.vfbridge.virtfusion.model.Report;
import io.vfbridge.virtfusion.model.ResourcePack;
import io.vfbridge.virtfusion.model.ResourcePackAssignment;
import io.vfbridge.virtfusion.model.ResourcePackState;
import io.vfbridge.virtfusion.model.SelfServiceAccess;
import io.vfbridge.virtfusion.model.Usage;
import io.vfbridge.virtfusion.model.UsageRange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The self-service operations: by external relation id (credit, profiles, packs, stats,
 * report, usage) and by pack or credit id.
 */
class VirtFusionClientSelfServiceOperationsTests extends OperationTestSupport {

	private static final ExtRelationId USER = ExtRelationId.of(1);

	private static final ExtRelationId REL_STR_USER = ExtRelationId.ofRelStr("abc");

	@Test
	@CoversOperation(VirtFusionOperation.ADD_CREDIT)
	void addsFractionalCreditToRelStrUserAndReturnsCreditId() {
		wireMock.stubFor(post(urlPathEqualTo(api("/selfService/credit/byUserExtRelationId/abc")))
			.willReturn(json(201, "{\"data\": {\"id\": 2}}")));

		CreatedId credit = this.client.addCredit(REL_STR_USER,
				new CreditGrant(new BigDecimal("100.50"), 400L, "invoice 42"));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/credit/byUserExtRelationId/abc?relStr=true")))
			.withRequestBody(
					equalToJson("{\"tokens\": 100.50, \"reference_1\": 400, \"reference_2\": \"invoice 42\"}")));
		assertThat(credit.id()).isEqualTo(2L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_HOURLY_GROUP_PROFILE)
	void addsHourlyGroupProfile() {
		wireMock.stubFor(post(api("/selfService/hourlyGroupProfile/byUserExtRelationId/1")).willReturn(empty(204)));

		this.client.addHourlyGroupProfile(USER, new ProfileAssignment(1));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/hourlyGroupProfile/byUserExtRelationId/1")))
			.withRequestBody(equalToJson("{\"profileId\": 1}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_RESOURCE_GROUP_PROFILE)
	void addsResourceGroupProfile() {
		wireMock.stubFor(post(api("/selfService/resourceGroupProfile/byUserExtRelationId/1")).willReturn(empty(204)));

		this.client.addResourceGroupProfile(USER, new ProfileAssignment(4));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/resourceGroupProfile/byUserExtRelationId/1")))
			.withRequestBody(equalToJson("{\"profileId\": 4}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_RESOURCE_PACK)
	void addsEnabledResourcePackAndReturnsUserPackId() {
		wireMock.stubFor(post(api("/selfService/resourcePack/byUserExtRelationId/1"))
			.willReturn(json(201, "{\"data\": {\"id\": 18}}")));

		CreatedId pack = this.client.addResourcePack(USER, new ResourcePackAssignment(9));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/resourcePack/byUserExtRelationId/1")))
			.withRequestBody(equalToJson("{\"packId\": 9, \"enabled\": true}")));
		assertThat(pack.id()).isEqualTo(18L);
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_HOURLY_STATS)
	void getsHourlyStatsForRepeatedPeriods() {
		wireMock
			.stubFor(get(urlPathEqualTo(api("/selfService/hourlyStats/byUserExtRelationId/1"))).willReturn(okJson("""
					{"data": {"periodId": 0, "period": "January 2025", "previousPeriod": "December 2024",
					          "nextPeriod": "February 2025",
					          "monthlyTotal": {"hours": 0, "value": "0.00", "tokens": false},
					          "servers": 0, "credit": {"value": 0},
					          "currency": {"code": "", "prefix": "", "suffix": "", "value": 0, "currentValue": 0}}}
					""")));

		HourlyStats stats = this.client.getHourlyStats(USER,
				List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1)), UsageRange.MONTH);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/selfService/hourlyStats/byUserExtRelationId/1"
				+ "?period%5B%5D=2025-01-01&period%5B%5D=2025-02-01&range=m"))));
		assertThat(stats.periodId()).isZero();
		assertThat(stats.period()).isEqualTo("January 2025");
		assertThat(stats.monthlyTotal().value()).isEqualByComparingTo("0.00");
		assertThat(stats.monthlyTotal().tokens()).isNull();
		assertThat(stats.credit().value()).isEqualByComparingTo("0");
		assertThat(stats.currency().code()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_SELF_SERVICE_ACCESS)
	void syncsSelfServiceAccessToProfiles() {
		wireMock.stubFor(put(api("/selfService/access/byUserExtRelationId/1")).willReturn(empty(204)));

		this.client.modifySelfServiceAccess(USER, new SelfServiceAccess(true));

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/selfService/access/byUserExtRelationId/1")))
			.withRequestBody(equalToJson("{\"syncToProfiles\": true}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.REMOVE_HOURLY_GROUP_PROFILE)
	void removesHourlyGroupProfileWithProfileBeforeUserInPath() {
		wireMock.stubFor(delete(api("/selfService/hourlyGroupProfile/3/byUserExtRelationId/1")).willReturn(empty(204)));

		this.client.removeHourlyGroupProfile(USER, 3);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/selfService/hourlyGroupProfile/3/byUserExtRelationId/1")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.REMOVE_RESOURCE_GROUP_PROFILE)
	void removesResourceGroupProfileOfRelStrUser() {
		wireMock.stubFor(delete(urlPathEqualTo(api("/selfService/resourceGroupProfile/4/byUserExtRelationId/abc")))
			.willReturn(empty(204)));

		this.client.removeResourceGroupProfile(REL_STR_USER, 4);

		verifyOnlyRequest(deleteRequestedFor(
				urlEqualTo(api("/selfService/resourceGroupProfile/4/byUserExtRelationId/abc?relStr=true")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GENERATE_REPORT)
	void readsReportWithFalseInNumericFields() {
		wireMock.stubFor(get(urlPathEqualTo(api("/selfService/report/byUserExtRelationId/1"))).willReturn(okJson("""
				{"data": {
				  "usage": {"servers": [], "serversTotal": {"hours": false, "value": false, "tokens": false},
				            "hourConversionRate": false,
				            "monthlyTotal": {"hours": false, "value": false, "tokens": false},
				            "addonsTotal": {"hours": 0, "value": 0, "tokens": false}, "taxStatus": 3,
				            "success": false, "history": "0", "breakdown": true, "term": "January 2025",
				            "previousTerm": "December 2024", "nextTerm": "February 2025",
				            "period": {"ymd": "2025-01-01", "start": "2025-01-01T00:00:00+00:00",
				                       "end": "2025-01-31T00:00:00+00:00"},
				            "showHourlyRate": false, "showMonthlyRate": false},
				  "currency": {"prefix": "$", "suffix": "", "code": "USD", "currentValue": "0.0100000000",
				               "value": 0.01, "default": {"prefix": "$", "suffix": "", "code": "USD"}},
				  "limits": {"success": true, "packs": []}}}
				""")));

		Report report = this.client.generateReport(USER, 0, "USD");

		verifyOnlyRequest(
				getRequestedFor(urlEqualTo(api("/selfService/report/byUserExtRelationId/1?period=0&currency=USD"))));
		assertThat(report.usage().serversTotal().hours()).isNull();
		assertThat(report.usage().monthlyTotal().value()).isNull();
		assertThat(report.usage().hourConversionRate()).isNull();
		assertThat(report.usage().addonsTotal().hours()).isEqualByComparingTo("0");
		assertThat(report.usage().taxStatus()).isEqualTo(3);
		assertThat(report.usage().term()).isEqualTo("January 2025");
		assertThat(report.usage().period().ymd()).isEqualTo("2025-01-01");
		assertThat(report.currency().currentValue()).isEqualByComparingTo("0.01");
		assertThat(report.currency().defaultCurrency().code()).isEqualTo("USD");
		assertThat(report.limits().success()).isTrue();
		assertThat(report.limits().packs()).isEmpty();
	}

	@Test
	void rejectsReportPeriodBeyondTwentyFour() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.generateReport(USER, 25, null))
			.withMessageContaining("24");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.generateReport(USER, 0, "US"))
			.withMessageContaining("three-letter");
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.SET_HOURLY_RESOURCE_PACK)
	void setsHourlyResourcePack() {
		wireMock.stubFor(put(api("/selfService/hourlyResourcePack/byUserExtRelationId/1")).willReturn(empty(204)));

		this.client.setHourlyResourcePack(USER, new HourlyResourcePack(1));

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/selfService/hourlyResourcePack/byUserExtRelationId/1")))
			.withRequestBody(equalToJson("{\"packId\": 1}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_USAGE)
	void getsUsageOfOnePeriod() {
		wireMock.stubFor(get(urlPathEqualTo(api("/selfService/usage/byUserExtRelationId/1"))).willReturn(okJson("""
				{"data": {
				  "user": {"id": 3, "relationalId": 1, "currency": null, "timezone": "Europe/London",
				           "name": "jon Doe", "email": "jon@doe.com"},
				  "usageServers": {"hours": 12, "token": "1.5", "tokenReal": 1.4982},
				  "usageServersBillable": {"hours": 12, "token": 1.5, "tokenReal": 1.4982},
				  "usageAddons": {"hours": 0, "token": 0, "tokenReal": 0},
				  "usageAddonsBillable": {"hours": 0, "token": 0, "tokenReal": 0},
				  "periods": [{"period": "2025-01-01", "range": "month", "start": "2025-01-01T00:00:00+00:00",
				               "end": "2025-01-31T23:59:59+00:00", "timezone": "UTC", "currentPeriod": true,
				               "hoursInMonthPeriod": 744, "monthToHourRate": 730, "monthToHourRateType": 1,
				               "days": 31, "hours": 744, "minutes": 44640, "seconds": 2678400,
				               "usageServers": {"hours": 12, "token": 1.5, "tokenReal": 1.4982},
				               "usageServersBillable": {"hours": 12, "token": 1.5, "tokenReal": 1.4982},
				               "usageAddons": {"hours": 0, "token": 0, "tokenReal": 0},
				               "usageAddonsBillable": {"hours": 0, "token": 0, "tokenReal": 0},
				               "servers": []}]}}
				""")));

		Usage usage = this.client.getUsage(USER, List.of(LocalDate.of(2025, 1, 1)), UsageRange.MONTH);

		verifyOnlyRequest(getRequestedFor(
				urlEqualTo(api("/selfService/usage/byUserExtRelationId/1?period%5B%5D=2025-01-01&range=m"))));
		assertThat(usage.user().relationalId()).isEqualTo(1L);
		assertThat(usage.user().currency()).isNull();
		assertThat(usage.usageServers().token()).isEqualByComparingTo("1.5");
		assertThat(usage.usageServers().tokenReal()).isEqualByComparingTo("1.4982");
		assertThat(usage.periods()).singleElement().satisfies((period) -> {
			assertThat(period.currentPeriod()).isTrue();
			assertThat(period.hoursInMonthPeriod()).isEqualByComparingTo("744");
			assertThat(period.seconds()).isEqualTo(2678400L);
			assertThat(period.usageServersBillable().hours()).isEqualByComparingTo("12");
		});
	}

	@Test
	void getsUsageForCurrentPeriodWithoutQuery() {
		wireMock.stubFor(get(urlPathEqualTo(api("/selfService/usage/byUserExtRelationId/1")))
			.willReturn(okJson("{\"data\": {\"periods\": []}}")));

		Usage usage = this.client.getUsage(USER, List.of(), null);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/selfService/usage/byUserExtRelationId/1"))));
		assertThat(usage.periods()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.CANCEL_CREDIT)
	void cancelsCredit() {
		wireMock.stubFor(delete(api("/selfService/credit/2")).willReturn(empty(204)));

		this.client.cancelCredit(2);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/selfService/credit/2"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.DELETE_RESOURCE_PACK_SERVERS)
	void deletesResourcePackServersAfterDelay() {
		wireMock.stubFor(delete(urlPathEqualTo(api("/selfService/resourcePackServers/18"))).willReturn(empty(204)));

		this.client.deleteResourcePackServers(18, 0);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/selfService/resourcePackServers/18?delay=0")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.DELETE_RESOURCE_PACK)
	void deletesResourcePackOrDisablesItWhenUndeletable() {
		wireMock.stubFor(delete(urlPathEqualTo(api("/selfService/resourcePack/18"))).willReturn(empty(204)));

		this.client.deleteResourcePack(18, true);

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/selfService/resourcePack/18?disable=true")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_RESOURCE_PACK)
	void getsResourcePackWithServersAndShortUsageKeys() {
		wireMock.stubFor(get(urlPathEqualTo(api("/selfService/resourcePack/18"))).willReturn(okJson("""
				{"data": {"type": "pack", "id": 18, "pid": 9, "label": null, "name": "Pack 2 · 2 / 4096 / 250",
				          "limits": {"total_servers": 2, "total_memory": 4096, "total_storage": 200, "total_cpu": 24,
				                     "total_traffic": 1000000, "max_memory": 4096, "max_storage": 10, "max_cpu": 8,
				                     "max_traffic": 500000},
				          "used": {"servers": 1, "memory": 1024, "storage": 10, "cpu": 1, "traffic": 0},
				          "usage": {"servers": {"t": 2, "u": 1, "f": 1, "p": 50, "l": true},
				                    "memory": {"t": 4096, "u": 1024, "f": 3072, "p": 25, "l": true},
				                    "cpu": {"t": 24, "u": 1, "p": 4.2, "f": 23, "l": true}},
				          "servers": [{"id": 70, "name": "pack server"}]}}
				""")));

		ResourcePack pack = this.client.getResourcePack(18, true);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/selfService/resourcePack/18?withServers=true"))));
		assertThat(pack.id()).isEqualTo(18L);
		assertThat(pack.pid()).isEqualTo(9L);
		assertThat(pack.limits().totalMemory()).isEqualTo(4096L);
		assertThat(pack.limits().maxTraffic()).isEqualTo(500000L);
		assertThat(pack.used().servers()).isEqualTo(1L);
		assertThat(pack.usage()).containsOnlyKeys("servers", "memory", "cpu");
		assertThat(pack.usage().get("cpu").percent()).isEqualByComparingTo("4.2");
		assertThat(pack.usage().get("servers").free()).isEqualByComparingTo("1");
		assertThat(pack.usage().get("servers").limited()).isTrue();
		assertThat(pack.servers()).singleElement().satisfies((server) -> assertThat(server).containsEntry("id", 70));
	}

	@Test
	@CoversOperation(VirtFusionOperation.MODIFY_RESOURCE_PACK)
	void disablesResourcePack() {
		wireMock.stubFor(put(api("/selfService/resourcePack/18")).willReturn(empty(204)));

		this.client.modifyResourcePack(18, new ResourcePackState(false));

		verifyOnlyRequest(putRequestedFor(urlEqualTo(api("/selfService/resourcePack/18")))
			.withRequestBody(equalToJson("{\"enabled\": false}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.LIST_CURRENCIES)
	void listsCurrenciesWithDecimalStringValues() {
		wireMock.stubFor(get(api("/selfService/currencies")).willReturn(okJson("""
				{"data": [{"id": 11, "code": "USD", "value": "0.0100000000", "prefix": "$", "suffix": null,
				           "default": true, "enabled": true},
				          {"id": 12, "code": "GBP", "value": "0.0200000000", "prefix": "£", "suffix": null,
				           "default": false, "enabled": 1}]}
				""")));

		List<Currency> currencies = this.client.listCurrencies();

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/selfService/currencies"))));
		assertThat(currencies).extracting(Currency::code, Currency::isDefault, Currency::enabled, Currency::prefix)
			.containsExactly(tuple("USD", true, true, "$"), tuple("GBP", false, true, "£"));
		assertThat(currencies.get(0).value()).isEqualByComparingTo("0.01");
		assertThat(currencies.get(1).value().scale()).isEqualTo(10);
	}

	@Test
	@CoversOperation(VirtFusionOperation.SUSPEND_RESOURCE_PACK_SERVERS)
	void suspendsResourcePackServers() {
		wireMock.stubFor(post(api("/selfService/resourcePackServers/18/suspend")).willReturn(empty(204)));

		this.client.suspendResourcePackServers(18);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/resourcePackServers/18/suspend")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.UNSUSPEND_RESOURCE_PACK_SERVERS)
	void unsuspendsResourcePackServers() {
		wireMock.stubFor(post(api("/selfService/resourcePackServers/18/unsuspend")).willReturn(empty(204)));

		this.client.unsuspendResourcePackServers(18);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/selfService/resourcePackServers/18/unsuspend")))
			.withRequestBody(absent()));
	}

}
