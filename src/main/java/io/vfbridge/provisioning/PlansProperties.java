package io.vfbridge.provisioning;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Products a billing system may name instead of VirtFusion ids
 * ({@code data.service.plan}), under {@code vfbridge.plans.<id>}.
 *
 * @param plans the plans by id
 */
@Validated
@ConfigurationProperties("vfbridge")
public record PlansProperties(Map<String, @Valid Plan> plans) {

	public PlansProperties {
		plans = (plans != null) ? Map.copyOf(plans) : Map.of();
	}

	/**
	 * A product as vfbridge knows it; explicit fields of an event override it.
	 *
	 * @param panel the VirtFusion panel, or the default
	 * @param packageId the VirtFusion package
	 * @param hypervisorGroupId the hypervisor group (location)
	 * @param osTemplateId the default OS template
	 * @param ipv4 how many IPv4 addresses
	 * @param memory memory in MB
	 * @param cpuCores CPU cores
	 * @param storage primary disk in GB
	 * @param traffic monthly traffic in GB, 0 = unlimited
	 * @param networkSpeedInbound inbound speed in kB/s
	 * @param networkSpeedOutbound outbound speed in kB/s
	 */
	public record Plan(String panel, @NotNull @Min(1) Long packageId, @NotNull @Min(1) Long hypervisorGroupId,
			Long osTemplateId, @Min(0) Integer ipv4, @Min(256) Integer memory, @Min(1) Integer cpuCores,
			@Min(1) Integer storage, @Min(0) Integer traffic, @Min(0) Integer networkSpeedInbound,
			@Min(0) Integer networkSpeedOutbound) {
	}

}
