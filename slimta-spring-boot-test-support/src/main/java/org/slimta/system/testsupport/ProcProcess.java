package org.slimta.system.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the kernel shows of a process, or of one of its threads, under {@code /proc}: the check from
 * outside, independent of the native calls the code under test makes.
 */
public final class ProcProcess {

	/** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux architecture Java runs on. */
	private static final int USER_HZ = 100;

	private final Path directory;

	private ProcProcess(Path directory) {
		this.directory = directory;
	}

	/**
	 * A process.
	 * @param pid its id
	 * @return what {@code /proc/<pid>} shows of it
	 */
	public static ProcProcess of(long pid) {
		return new ProcProcess(Path.of("/proc", Long.toString(pid)));
	}

	/**
	 * A child process.
	 * @param process the child
	 * @return what {@code /proc/<pid>} shows of it
	 */
	public static ProcProcess of(Process process) {
		return of(process.pid());
	}

	/**
	 * This process.
	 * @return what {@code /proc/self} shows of it
	 */
	public static ProcProcess self() {
		return new ProcProcess(Path.of("/proc/self"));
	}

	/**
	 * The calling thread.
	 * @return what {@code /proc/thread-self} shows of it
	 */
	public static ProcProcess currentThread() {
		return new ProcProcess(Path.of("/proc/thread-self"));
	}

	/**
	 * The directory read, for a file this class does not read itself.
	 * @return for example {@code /proc/4711}
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Whether the process still exists.
	 * @return {@code true} for a running or an unreaped (zombie) process
	 */
	public boolean exists() {
		return Files.exists(this.directory);
	}

	/**
	 * Wait until the process is gone: ended and reaped.
	 * @param timeout how long to wait
	 * @return whether it is gone
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitGone(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (exists() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		return !exists();
	}

	/**
	 * A field of the {@code status} file.
	 * @param name the field, without its colon, for example {@code "Umask"}
	 * @return its value, trimmed
	 * @throws IOException if the file cannot be read or lacks the field
	 */
	public String statusField(String name) throws IOException {
		String prefix = name + ":";
		for (String line : Files.readAllLines(this.directory.resolve("status"))) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length()).strip();
			}
		}
		throw new IOException("no " + name + " line in " + this.directory.resolve("status"));
	}

	/**
	 * A signal mask of the {@code status} file.
	 * @param name the field, for example {@code "ShdPnd"}
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read or lacks the field
	 */
	public Set<Integer> signals(String name) throws IOException {
		return SignalSet.decode(statusField(name));
	}

	/**
	 * The signals this thread (the main thread of a process) blocks ({@code SigBlk}).
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read
	 */
	public Set<Integer> blockedSignals() throws IOException {
		return signals("SigBlk");
	}

	/**
	 * The signals the process ignores ({@code SigIgn}).
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read
	 */
	public Set<Integer> ignoredSignals() throws IOException {
		return signals("SigIgn");
	}

	/**
	 * The signals the process has a handler for ({@code SigCgt}).
	 * @return the signal numbers
	 * @throws IOException if the file cannot be read
	 */
	public Set<Integer> caughtSignals() throws IOException {
		return signals("SigCgt");
	}

	/**
	 * The effective user id ({@code Uid:} real, effective, saved, filesystem).
	 * @return the effective uid
	 */
	public int effectiveUid() {
		return effectiveId("Uid");
	}

	/**
	 * The effective group id ({@code Gid:} real, effective, saved, filesystem).
	 * @return the effective gid
	 */
	public int effectiveGid() {
		return effectiveId("Gid");
	}

	private int effectiveId(String field) {
		try {
			return Integer.parseInt(statusField(field).split("\\s+")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The parent's process id ({@code PPid}).
	 * @return the parent's pid
	 * @throws IOException if the file cannot be read
	 */
	public long parentPid() throws IOException {
		return Long.parseLong(statusField("PPid"));
	}

	/**
	 * The state's letter ({@code State}): {@code R}, {@code S}, {@code D}, {@code Z}, {@code T}...
	 * @return the letter
	 * @throws IOException if the file cannot be read
	 */
	public char state() throws IOException {
		return statusField("State").charAt(0);
	}

	/**
	 * A size of the {@code status} file, such as {@code VmHWM}, the peak resident set size.
	 * @param name the field, without its colon
	 * @return the size in kibibytes
	 * @throws IOException if the file cannot be read or lacks the field
	 */
	public long statusKibibytes(String name) throws IOException {
		return Long.parseLong(statusField(name).replaceAll("[^0-9]", ""));
	}

	/**
	 * The name the kernel gives the process or thread ({@code comm}): at most 15 characters.
	 * @return the name
	 * @throws IOException if the file cannot be read
	 */
	public String name() throws IOException {
		return Files.readString(this.directory.resolve("comm")).strip();
	}

	/**
	 * The command line the process runs now ({@code cmdline}), which {@code execve} replaces.
	 * @return the program and its arguments
	 * @throws IOException if the file cannot be read
	 */
	public List<String> commandLine() throws IOException {
		return List.of(Files.readString(this.directory.resolve("cmdline")).split("\0"));
	}

	/**
	 * The environment the process was started with ({@code environ}).
	 * @return its variables
	 * @throws IOException if the file cannot be read
	 */
	public Map<String, String> environment() throws IOException {
		String environ = new String(Files.readAllBytes(this.directory.resolve("environ")), StandardCharsets.UTF_8);
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : environ.split("\0")) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	/**
	 * Its session id, field 6 of {@code stat}.
	 * @return the session id
	 * @throws IOException if the file cannot be read
	 */
	public long sessionId() throws IOException {
		return Long.parseLong(statFields()[3]);
	}

	/**
	 * The CPU time used so far, by every thread ({@code utime + stime} of {@code stat}, which
	 * {@code execve} does not reset).
	 * @return milliseconds
	 * @throws IOException if the file cannot be read
	 */
	public double cpuMillis() throws IOException {
		String[] fields = statFields();
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / USER_HZ;
	}

	/**
	 * The smallest CPU time {@link #cpuMillis()} tells apart: one clock tick.
	 * @return milliseconds
	 */
	public static double cpuTickMillis() {
		return 1000.0 / USER_HZ;
	}

	private String[] statFields() throws IOException {
		String stat = Files.readString(this.directory.resolve("stat"));
		// the fields after the command name, which is in parentheses and may hold spaces
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

	/**
	 * The numbers of the open descriptors ({@code fd}).
	 * @return the descriptors in ascending order
	 * @throws IOException if the directory cannot be read
	 */
	public Set<Integer> descriptors() throws IOException {
		try (Stream<Path> entries = Files.list(this.directory.resolve("fd"))) {
			return entries.map((entry) -> Integer.valueOf(entry.getFileName().toString()))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	/**
	 * The open descriptors once they are the expected ones, or as they are after ten seconds: a
	 * program just started may still hold a file it opens while it starts (a locale archive).
	 * @param expected the descriptors expected
	 * @return the descriptors
	 * @throws IOException if the directory cannot be read
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Set<Integer> descriptorsOnceSettled(Set<Integer> expected) throws IOException, InterruptedException {
		Set<Integer> descriptors = descriptors();
		for (int attempt = 0; attempt < 200 && !descriptors.equals(expected); attempt++) {
			Thread.sleep(50);
			descriptors = descriptors();
		}
		return descriptors;
	}

	/**
	 * What one descriptor refers to.
	 * @param fd the descriptor
	 * @return for example {@code pipe:[4711]} or {@code /var/log/app.log}
	 * @throws IOException if the descriptor is not open
	 */
	public String descriptorTarget(int fd) throws IOException {
		return Files.readSymbolicLink(this.directory.resolve("fd").resolve(Integer.toString(fd))).toString();
	}

	/**
	 * What each open descriptor refers to; a descriptor closed while listed is left out.
	 * @return the targets by descriptor, in ascending order
	 * @throws IOException if the directory cannot be read
	 */
	public Map<Integer, String> descriptorTargets() throws IOException {
		Map<Integer, String> targets = new TreeMap<>();
		for (int fd : descriptors()) {
			try {
				targets.put(fd, descriptorTarget(fd));
			}
			catch (NoSuchFileException ex) {
				// closed while listed
			}
		}
		return targets;
	}

	/**
	 * The threads of the process ({@code task/<tid>}).
	 * @return each thread by its id, in ascending order
	 * @throws IOException if the directory cannot be read
	 */
	public Map<Long, ProcProcess> threads() throws IOException {
		Map<Long, ProcProcess> threads = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(this.directory.resolve("task"))) {
			tasks.forEach((task) -> threads.put(Long.valueOf(task.getFileName().toString()), new ProcProcess(task)));
		}
		return threads;
	}

	/**
	 * The kernel's names of the threads ({@code task/<tid>/comm}): Java thread names cut to 15
	 * characters; a thread that ends while listed is left out.
	 * @return the names, by thread id
	 * @throws IOException if the directory cannot be read
	 */
	public List<String> threadNames() throws IOException {
		List<String> names = new ArrayList<>();
		for (ProcProcess thread : threads().values()) {
			try {
				names.add(thread.name());
			}
			catch (IOException ex) {
				// the thread ended while listed
			}
		}
		return names;
	}

	/**
	 * The signals each thread blocks ({@code task/<tid>/status}); a thread that ends while listed is
	 * left out.
	 * @return the signal numbers by thread id
	 * @throws IOException if the directory cannot be read
	 */
	public Map<Long, Set<Integer>> blockedSignalsByThread() throws IOException {
		Map<Long, Set<Integer>> blocked = new TreeMap<>();
		for (Map.Entry<Long, ProcProcess> thread : threads().entrySet()) {
			try {
				blocked.put(thread.getKey(), thread.getValue().blockedSignals());
			}
			catch (IOException ex) {
				// the thread ended while listed
			}
		}
		return blocked;
	}

	@Override
	public String toString() {
		return this.directory.toString();
	}

}
