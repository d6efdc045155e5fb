package org.slimta.system.internal.privilege;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capability sets and {@code no_new_privs} of one thread, as the kernel reports them in
 * {@code /proc/.../status}. Linux keeps all of them per thread.
 *
 * @param name the thread's name ({@code Name:})
 * @param tid the thread's id ({@code Pid:} of a task)
 * @param inheritable {@code CapInh:}
 * @param permitted {@code CapPrm:}
 * @param effective {@code CapEff:}
 * @param bounding {@code CapBnd:}
 * @param ambient {@code CapAmb:}
 * @param noNewPrivileges {@code NoNewPrivs:}
 */
public record ThreadCapabilities(String name, int tid, long inheritable, long permitted, long effective, long bounding,
		long ambient, boolean noNewPrivileges) {

	/**
	 * Read a {@code status} file.
	 * @param status for example {@code /proc/self/task/42/status}
	 * @return what it shows
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static ThreadCapabilities read(Path status) {
		return parse(ProcStatus.read(status));
	}

	/**
	 * Parse the text of a {@code status} file.
	 * @param status the text
	 * @return what it shows
	 * @throws IllegalArgumentException if a field is missing
	 */
	public static ThreadCapabilities parse(String status) {
		List<String> lines = status.lines().toList();
		return new ThreadCapabilities(ProcStatus.field(lines, "Name:"), Integer.parseInt(ProcStatus.field(lines, "Pid:")),
				bits(lines, "CapInh:"), bits(lines, "CapPrm:"), bits(lines, "CapEff:"), bits(lines, "CapBnd:"),
				bits(lines, "CapAmb:"), "1".equals(ProcStatus.field(lines, "NoNewPrivs:")));
	}

	/**
	 * Whether the thread has no capability in its permitted, effective and ambient sets.
	 * @return whether it holds none
	 */
	public boolean holdsNone() {
		return this.permitted == 0 && this.effective == 0 && this.ambient == 0;
	}

	/**
	 * Whether every set is empty, the bounding set included, and {@code no_new_privs} is set.
	 * @return whether nothing is left
	 */
	public boolean isCleared() {
		return holdsNone() && this.inheritable == 0 && this.bounding == 0 && this.noNewPrivileges;
	}

	/**
	 * The sets under the names of {@code /proc/.../status}, in hexadecimal as it shows them.
	 * @return for example {@code CapInh=0000000000000000}, ..., {@code NoNewPrivs=1}
	 */
	public Map<String, Object> sets() {
		Map<String, Object> sets = new LinkedHashMap<>();
		sets.put("CapInh", hex(this.inheritable));
		sets.put("CapPrm", hex(this.permitted));
		sets.put("CapEff", hex(this.effective));
		sets.put("CapBnd", hex(this.bounding));
		sets.put("CapAmb", hex(this.ambient));
		sets.put("NoNewPrivs", this.noNewPrivileges ? 1 : 0);
		return sets;
	}

	private static String hex(long bits) {
		return String.format("%016x", bits);
	}

	private static long bits(List<String> lines, String name) {
		return Long.parseUnsignedLong(ProcStatus.field(lines, name), 16);
	}


}
