package io.vfbridge.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The IPv4 addresses of one IP block: its ranges and which addresses are in use.
 * Addresses are handed out in order and reused after release, without materialising whole
 * ranges.
 */
final class IpPool {

	private final Seed.IpBlockSeed block;

	private final long gateway;

	private final List<long[]> ranges = new ArrayList<>();

	private final Set<Long> used = new HashSet<>();

	private final ArrayDeque<Long> released = new ArrayDeque<>();

	private long total;

	private int cursorRange;

	private long cursor;

	IpPool(Seed.IpBlockSeed block) {
		this.block = block;
		this.gateway = parse(block.gateway());
		for (Seed.RangeSeed range : block.ranges()) {
			addRange(parse(range.start()), parse(range.end()));
		}
	}

	Seed.IpBlockSeed block() {
		return this.block;
	}

	int id() {
		return this.block.id();
	}

	long total() {
		return this.total;
	}

	long usedCount() {
		return this.used.size();
	}

	long free() {
		return this.total - this.used.size();
	}

	boolean overlaps(long start, long end) {
		return this.ranges.stream().anyMatch((range) -> start <= range[1] && end >= range[0]);
	}

	/**
	 * Adds an inclusive range; the caller has checked it is valid and does not overlap.
	 */
	void addRange(long start, long end) {
		if (start > end || overlaps(start, end)) {
			throw new IllegalArgumentException("invalid or overlapping range in IP block " + this.block.id());
		}
		this.ranges.add(new long[] { start, end });
		this.total += end - start + 1 - ((this.gateway >= start && this.gateway <= end) ? 1 : 0);
	}

	boolean contains(long address) {
		return address != this.gateway
				&& this.ranges.stream().anyMatch((range) -> address >= range[0] && address <= range[1]);
	}

	boolean isFree(long address) {
		return contains(address) && !this.used.contains(address);
	}

	@Nullable Long allocate() {
		while (!this.released.isEmpty()) {
			long address = this.released.poll();
			if (contains(address) && this.used.add(address)) {
				return address;
			}
		}
		while (this.cursorRange < this.ranges.size()) {
			long[] range = this.ranges.get(this.cursorRange);
			this.cursor = Math.max(this.cursor, range[0]);
			while (this.cursor <= range[1]) {
				long address = this.cursor++;
				if (address != this.gateway && this.used.add(address)) {
					return address;
				}
			}
			this.cursorRange++;
		}
		return null;
	}

	/** Takes a specific free address; false when it is not in the block or in use. */
	boolean take(long address) {
		return contains(address) && this.used.add(address);
	}

	void release(long address) {
		if (this.used.remove(address)) {
			this.released.add(address);
		}
	}

	static boolean isIpv4(String text) {
		return parseOrNegative(text) >= 0;
	}

	static long parse(String text) {
		long address = parseOrNegative(text);
		if (address < 0) {
			throw new IllegalArgumentException("not an IPv4 address: " + text);
		}
		return address;
	}

	static String format(long address) {
		return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
				+ (address & 0xff);
	}

	private static long parseOrNegative(String text) {
		String[] parts = text.trim().split("\\.", -1);
		if (parts.length != 4) {
			return -1;
		}
		long address = 0;
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
				return -1;
			}
			int octet = Integer.parseInt(part);
			if (octet > 255) {
				return -1;
			}
			address = (address << 8) | octet;
		}
		return address;
	}

}
