package io.vfbridge.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A panel user: an internal id, the billing system's {@code extRelationId} or
 * {@code relStr}, and the self-service settings.
 */
final class SimUser {

	private final int id;

	private final @Nullable Integer extRelationId;

	private final @Nullable String relStr;

	private final Instant created;

	private String name;

	private String email;

	private int selfService;

	private boolean hourlyCredit;

	private final List<Integer> hourlyGroupProfiles = new ArrayList<>();

	private final List<Integer> resourceGroupProfiles = new ArrayList<>();

	private @Nullable Integer hourlyResourcePack;

	private boolean enabled = true;

	private Instant updated;

	SimUser(int id, @Nullable Integer extRelationId, @Nullable String relStr, String name, String email,
			Instant created) {
		this.id = id;
		this.extRelationId = extRelationId;
		this.relStr = relStr;
		this.name = name;
		this.email = email;
		this.created = created;
		this.updated = created;
	}

	int id() {
		return this.id;
	}

	@Nullable Integer extRelationId() {
		return this.extRelationId;
	}

	@Nullable String relStr() {
		return this.relStr;
	}

	String name() {
		return this.name;
	}

	String email() {
		return this.email;
	}

	int selfService() {
		return this.selfService;
	}

	boolean hourlyCredit() {
		return this.hourlyCredit;
	}

	List<Integer> hourlyGroupProfiles() {
		return List.copyOf(this.hourlyGroupProfiles);
	}

	List<Integer> resourceGroupProfiles() {
		return List.copyOf(this.resourceGroupProfiles);
	}

	@Nullable Integer hourlyResourcePack() {
		return this.hourlyResourcePack;
	}

	boolean enabled() {
		return this.enabled;
	}

	Instant created() {
		return this.created;
	}

	Instant updated() {
		return this.updated;
	}

	void rename(String name, Instant at) {
		this.name = name;
		touch(at);
	}

	void changeEmail(String email, Instant at) {
		this.email = email;
		touch(at);
	}

	void configureSelfService(int mode, boolean hourlyCredit, Instant at) {
		this.selfService = mode;
		this.hourlyCredit = hourlyCredit;
		touch(at);
	}

	void enable(boolean enabled, Instant at) {
		this.enabled = enabled;
		touch(at);
	}

	void replaceHourlyGroupProfiles(List<Integer> profiles, Instant at) {
		this.hourlyGroupProfiles.clear();
		this.hourlyGroupProfiles.addAll(profiles);
		touch(at);
	}

	void replaceResourceGroupProfiles(List<Integer> profiles, Instant at) {
		this.resourceGroupProfiles.clear();
		this.resourceGroupProfiles.addAll(profiles);
		touch(at);
	}

	void addHourlyGroupProfile(int profileId, Instant at) {
		if (!this.hourlyGroupProfiles.contains(profileId)) {
			this.hourlyGroupProfiles.add(profileId);
		}
		touch(at);
	}

	void removeHourlyGroupProfile(int profileId, Instant at) {
		this.hourlyGroupProfiles.remove(Integer.valueOf(profileId));
		touch(at);
	}

	void addResourceGroupProfile(int profileId, Instant at) {
		if (!this.resourceGroupProfiles.contains(profileId)) {
			this.resourceGroupProfiles.add(profileId);
		}
		touch(at);
	}

	void removeResourceGroupProfile(int profileId, Instant at) {
		this.resourceGroupProfiles.remove(Integer.valueOf(profileId));
		touch(at);
	}

	void useHourlyResourcePack(@Nullable Integer packId, Instant at) {
		this.hourlyResourcePack = packId;
		touch(at);
	}

	private void touch(Instant at) {
		this.updated = at;
	}

}
