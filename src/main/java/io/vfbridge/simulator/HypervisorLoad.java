package io.vfbridge.simulator;

/**
 * A hypervisor and what its servers use of it. A maximum of 0 is unlimited, in which case
 * VirtFusion reports a negative free count.
 */
final class HypervisorLoad {

	private final Seed.HypervisorSeed hypervisor;

	private int servers;

	private int memory;

	private int cpuCores;

	private int storage;

	HypervisorLoad(Seed.HypervisorSeed hypervisor) {
		this.hypervisor = hypervisor;
	}

	Seed.HypervisorSeed hypervisor() {
		return this.hypervisor;
	}

	int id() {
		return this.hypervisor.id();
	}

	int servers() {
		return this.servers;
	}

	int memory() {
		return this.memory;
	}

	int cpuCores() {
		return this.cpuCores;
	}

	int storage() {
		return this.storage;
	}

	/** Enabled, commissioned, not prohibited and not in maintenance. */
	boolean acceptsServers() {
		return this.hypervisor.isEnabled() && !this.hypervisor.prohibit() && !this.hypervisor.maintenance();
	}

	boolean fits(Resources resources) {
		return acceptsServers() && within(this.servers + 1, this.hypervisor.maxServers())
				&& within(this.memory + resources.memory(), this.hypervisor.maxMemory())
				&& within(this.cpuCores + resources.cpuCores(), this.hypervisor.maxCpu())
				&& within(this.storage + resources.storage(), this.hypervisor.storage());
	}

	int freeMemory() {
		return this.hypervisor.maxMemory() - this.memory;
	}

	void place(Resources resources) {
		this.servers++;
		change(resources, 1);
	}

	void remove(Resources resources) {
		this.servers--;
		change(resources, -1);
	}

	/** A resized server: what it gave back and what it takes now. */
	void resize(Resources before, Resources after) {
		change(before, -1);
		change(after, 1);
	}

	private void change(Resources resources, int sign) {
		this.memory += sign * resources.memory();
		this.cpuCores += sign * resources.cpuCores();
		this.storage += sign * resources.storage();
	}

	private static boolean within(int wanted, int max) {
		return max == 0 || wanted <= max;
	}

}
