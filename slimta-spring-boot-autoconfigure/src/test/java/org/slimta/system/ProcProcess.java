package org.slimta.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slimta.system.signal.BlockedSignals;

/**
 * What the kernel says about another process in {@code /proc/<pid>}: the check from outside for
 * what a child got from its parent.
 */
public final class ProcProcess {

	private final long pid;

	public ProcProcess(long pid) {
		this.pid = pid;
	}

	public ProcProcess(Process process) {
		this(process.pid());
	}

	/** Whether {@code /proc/<pid>} exists: true for a running or unreaped (zombie) process. */
	public boolean exists() {
		return Files.exists(dir());
	}

	/** The signals blocked by its main thread ({@code SigBlk}). */
	public Set<Integer> blockedSignals() throws IOException {
		return BlockedSignals.of(dir().resolve("status"));
	}

	/** The signals it ignores ({@code SigIgn}). */
	public Set<Integer> ignoredSignals() throws IOException {
		return BlockedSignals.ignored(dir().resolve("status"));
	}

	/** The numbers of its open descriptors. */
	public Set<Integer> descriptors() throws IOException {
		try (Stream<Path> entries = Files.list(dir().resolve("fd"))) {
			return entries.map((entry) -> Integer.valueOf(entry.getFileName().toString()))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	/**
	 * Its open descriptors once they are the expected ones, or as they are after ten seconds: a
	 * program just started may still hold a file it opens while it starts (a locale archive).
	 */
	public Set<Integer> descriptorsOnceSettled(Set<Integer> expected) throws IOException, InterruptedException {
		Set<Integer> descriptors = descriptors();
		for (int attempt = 0; attempt < 200 && !descriptors.equals(expected); attempt++) {
			Thread.sleep(50);
			descriptors = descriptors();
		}
		return descriptors;
	}

	/** What one of its descriptors refers to, for example {@code pipe:[4711]}. */
	public String descriptorTarget(int fd) throws IOException {
		return Files.readSymbolicLink(dir().resolve("fd").resolve(Integer.toString(fd))).toString();
	}

	/** Its session id, field 6 of {@code /proc/<pid>/stat}. */
	public long sessionId() throws IOException {
		String stat = Files.readString(dir().resolve("stat"));
		// the fields after the command name, which is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[3]);
	}

	private Path dir() {
		return Path.of("/proc", Long.toString(this.pid));
	}

}
