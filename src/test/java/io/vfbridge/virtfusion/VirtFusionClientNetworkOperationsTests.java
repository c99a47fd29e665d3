package io.vfbridge.virtfusion;

import java.util.List;

import io.vfbridge.virtfusion.model.Firewall;
import io.vfbridge.virtfusion.model.FirewallRulesets;
import io.vfbridge.virtfusion.model.Ipv4Addresses;
import io.vfbridge.virtfusion.model.Ipv4Quantity;
import io.vfbridge.virtfusion.model.Ipv4Removal;
import io.vfbridge.virtfusion.model.ServerInterface;
import io.vfbridge.virtfusion.model.WhitelistEntry;
import io.vfbridge.virtfusion.model.WhitelistRemoval;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The server network operations: firewall, whitelist and IPv4 addresses.
 */
class VirtFusionClientNetworkOperationsTests extends OperationTestSupport {

	@Test
	@CoversOperation(VirtFusionOperation.DISABLE_FIREWALL)
	void disablesFirewallWithoutSyncByDefault() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers/69/firewall/primary/disable"))).willReturn(empty(200)));

		this.client.disableFirewall(69, ServerInterface.PRIMARY, false);

		verifyOnlyRequest(
				postRequestedFor(urlEqualTo(api("/servers/69/firewall/primary/disable"))).withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ENABLE_FIREWALL)
	void enablesSecondaryFirewallAndSyncsAtOnce() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers/69/firewall/secondary/enable"))).willReturn(empty(200)));

		this.client.enableFirewall(69, ServerInterface.SECONDARY, true);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/firewall/secondary/enable?sync=true")))
			.withRequestBody(absent()));
	}

	@Test
	@CoversOperation(VirtFusionOperation.GET_FIREWALL)
	void getsFirewallOfInterface() {
		wireMock.stubFor(get(api("/servers/69/firewall/primary"))
			.willReturn(okJson("{\"data\": {\"enabled\": true, \"rules\": []}}")));

		Firewall firewall = this.client.getFirewall(69, ServerInterface.PRIMARY);

		verifyOnlyRequest(getRequestedFor(urlEqualTo(api("/servers/69/firewall/primary"))));
		assertThat(firewall.enabled()).isTrue();
		assertThat(firewall.rules()).isEmpty();
	}

	@Test
	@CoversOperation(VirtFusionOperation.APPLY_FIREWALL_RULESETS)
	void appliesFirewallRulesetsAndSyncs() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers/69/firewall/primary/rules"))).willReturn(empty(201)));

		this.client.applyFirewallRulesets(69, ServerInterface.PRIMARY, new FirewallRulesets(List.of(1L, 2L, 5L)), true);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/firewall/primary/rules?sync=true")))
			.withRequestBody(equalToJson("{\"rulesets\": [1, 2, 5]}")));
	}

	@Test
	void flushesFirewallRulesWithEmptyRulesets() {
		wireMock.stubFor(post(urlPathEqualTo(api("/servers/69/firewall/primary/rules"))).willReturn(empty(201)));

		this.client.applyFirewallRulesets(69, ServerInterface.PRIMARY, FirewallRulesets.none(), false);

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/69/firewall/primary/rules")))
			.withRequestBody(equalToJson("{\"rulesets\": []}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_WHITELIST_ADDRESS)
	void addsWhitelistAddress() {
		wireMock.stubFor(post(api("/servers/9/networkWhitelist")).willReturn(empty(201)));

		this.client.addWhitelistAddress(9, new WhitelistEntry(ServerInterface.PRIMARY, "10.0.0.10", 32));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/9/networkWhitelist")))
			.withRequestBody(equalToJson("{\"interface\": \"primary\", \"ip\": \"10.0.0.10\", \"cidr\": 32}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.REMOVE_WHITELIST_ADDRESS)
	void removesWhitelistAddressWithJsonBodyOnDelete() {
		wireMock.stubFor(delete(api("/servers/9/networkWhitelist")).willReturn(empty(204)));

		this.client.removeWhitelistAddress(9, new WhitelistRemoval(ServerInterface.SECONDARY, "2001:db8::10"));

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/servers/9/networkWhitelist")))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"interface\": \"secondary\", \"ip\": \"2001:db8::10\"}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_IPV4_QUANTITY)
	void addsIpv4QuantityAndReturnsNewAddresses() {
		wireMock.stubFor(
				post(api("/servers/9/ipv4Qty")).willReturn(okJson("{\"data\": [\"192.168.4.36\", \"192.168.4.37\"]}")));

		List<String> addresses = this.client.addIpv4Quantity(9, new Ipv4Quantity(ServerInterface.PRIMARY, 2));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/9/ipv4Qty")))
			.withRequestBody(equalToJson("{\"interface\": \"primary\", \"quantity\": 2}")));
		assertThat(addresses).containsExactly("192.168.4.36", "192.168.4.37");
	}

	@Test
	@CoversOperation(VirtFusionOperation.ADD_IPV4_ADDRESSES)
	void addsGivenIpv4Addresses() {
		wireMock.stubFor(post(api("/servers/9/ipv4")).willReturn(empty(204)));

		this.client.addIpv4Addresses(9,
				new Ipv4Addresses(ServerInterface.PRIMARY, List.of("10.100.0.10", "10.100.0.11")));

		verifyOnlyRequest(postRequestedFor(urlEqualTo(api("/servers/9/ipv4")))
			.withRequestBody(equalToJson("{\"interface\": \"primary\", \"ip\": [\"10.100.0.10\", \"10.100.0.11\"]}")));
	}

	@Test
	@CoversOperation(VirtFusionOperation.REMOVE_IPV4_ADDRESSES)
	void removesIpv4AddressesWithJsonBodyOnDeleteAndNoInterface() {
		wireMock.stubFor(delete(api("/servers/9/ipv4")).willReturn(empty(204)));

		this.client.removeIpv4Addresses(9, new Ipv4Removal(List.of("10.100.0.10")));

		verifyOnlyRequest(deleteRequestedFor(urlEqualTo(api("/servers/9/ipv4")))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"ip\": [\"10.100.0.10\"]}")));
	}

	@Test
	void rejectsEmptyIpv4RemovalBeforeCalling() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Ipv4Removal(List.of()))
			.withMessageContaining("at least one");
		assertThatIllegalArgumentException().isThrownBy(() -> new WhitelistEntry(ServerInterface.PRIMARY, "::1", 129))
			.withMessageContaining("cidr");
	}

}
