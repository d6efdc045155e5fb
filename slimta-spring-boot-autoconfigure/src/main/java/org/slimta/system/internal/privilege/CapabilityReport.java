package org.slimta.system.internal.privilege;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The capabilities of this process as the kernel reports them now: the sets of
 * {@code /proc/self/status} (the thread-group leader, which is what {@code /proc/<pid>/status}
 * shows) and of every thread in {@code /proc/self/task}. Linux keeps them per thread, so the two
 * can differ.
 *
 * @param process what {@code /proc/self/status} shows
 * @param threads every thread
 */
public record CapabilityReport(ThreadCapabilities process, List<ThreadCapabilities> threads) {

	private static final Path PROC_SELF = Path.of("/proc/self");

	// Enough names to recognize the threads that keep something; a pool of hundreds is cut.
	private static final int MAX_NAMES = 8;

	/**
	 * Read the report of this process.
	 * @return the report
	 * @throws UncheckedIOException if {@code /proc} cannot be read
	 */
	public static CapabilityReport ofThisProcess() {
		return of(PROC_SELF);
	}

	/**
	 * Read the report of a process.
	 * @param process its directory, for example {@code /proc/42}
	 * @return the report
	 * @throws UncheckedIOException if {@code /proc} cannot be read
	 */
	public static CapabilityReport of(Path process) {
		List<ThreadCapabilities> threads = new ArrayList<>();
		try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
			for (Path task : tasks.toList()) {
				try {
					threads.add(ThreadCapabilities.parse(Files.readString(task.resolve("status"))));
				}
				catch (NoSuchFileException ex) {
					// the thread ended after it was listed
				}
			}
			return new CapabilityReport(ThreadCapabilities.read(process.resolve("status")), List.copyOf(threads));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The threads that keep a capability in some set, or lack {@code no_new_privs}.
	 * @return those threads
	 */
	public List<ThreadCapabilities> notCleared() {
		return this.threads.stream().filter((thread) -> !thread.isCleared()).toList();
	}

	/**
	 * The report as the health detail {@code capabilities} shows it: {@code process}, the sets of
	 * {@code /proc/<pid>/status}; {@code threads}, how many threads there are; {@code cleared}, how
	 * many of them have every set empty and {@code NoNewPrivs} 1; and {@code remaining}, the other
	 * threads grouped by their sets, with their count and (some of) their names.
	 * @return the details
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("process", this.process.sets());
		details.put("threads", this.threads.size());
		List<ThreadCapabilities> remaining = notCleared();
		details.put("cleared", this.threads.size() - remaining.size());
		Map<Map<String, Object>, List<ThreadCapabilities>> groups = new LinkedHashMap<>();
		for (ThreadCapabilities thread : remaining) {
			groups.computeIfAbsent(thread.sets(), (sets) -> new ArrayList<>()).add(thread);
		}
		List<Map<String, Object>> groupDetails = new ArrayList<>();
		groups.forEach((sets, members) -> {
			Map<String, Object> group = new LinkedHashMap<>(sets);
			group.put("count", members.size());
			List<String> names = new ArrayList<>(
					new TreeSet<>(members.stream().map(ThreadCapabilities::name).toList()));
			group.put("names", (names.size() > MAX_NAMES) ? names.subList(0, MAX_NAMES) : names);
			groupDetails.add(group);
		});
		details.put("remaining", groupDetails);
		return details;
	}

}
