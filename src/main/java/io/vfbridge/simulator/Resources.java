package io.vfbridge.simulator;

/**
 * What a server takes from its hypervisor: memory in MB, primary storage in GB, traffic
 * allowance in GB per period (0 = unlimited) and CPU cores.
 */
record Resources(int memory, int storage, int traffic, int cpuCores) {

	Resources {
		if (memory < 0 || storage < 0 || traffic < 0 || cpuCores < 0) {
			throw new IllegalArgumentException("resources cannot be negative");
		}
	}

	Resources withMemory(int value) {
		return new Resources(value, this.storage, this.traffic, this.cpuCores);
	}

	Resources withTraffic(int value) {
		return new Resources(this.memory, this.storage, value, this.cpuCores);
	}

	Resources withCpuCores(int value) {
		return new Resources(this.memory, this.storage, this.traffic, value);
	}

}
