package io.vfbridge.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeedTests {

	@Test
	void loadsTheBuiltInSeed() throws IOException {
		Seed seed = Seed.load(new ClassPathResource("simulator/seed.yaml").getInputStream());

		assertThat(seed.packages()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(seed.hypervisorGroups()).hasSize(2);
		assertThat(seed.defaultCurrency().code()).isEqualTo("USD");
		assertThat(seed.dnsServices()).isNotEmpty();
		assertThat(seed.isos()).isNotEmpty();
		assertThat(seed.backupStorage()).isNotEmpty();
	}

	@Test
	void rejectsUnknownKeysSoTyposDoNotPassSilently() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("""
				packages: [{id: 1, name: Small, memroy: 1024}]
				currencies: [{id: 1, code: USD, value: "0.01", default: true}]
				""")).withMessageContaining("memroy");
	}

	@Test
	void rejectsReferencesToMissingEntries() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("""
				hypervisorGroups: [{id: 1, name: London}]
				hypervisors: [{id: 1, groupId: 2, name: hv, hostname: hv.example, ip: 192.0.2.1}]
				currencies: [{id: 1, code: USD, value: "0.01", default: true}]
				""")).withMessageContaining("unknown group 2");
	}

	private static Seed load(String yaml) {
		return Seed.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
	}

}
