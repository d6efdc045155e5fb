package org.slimta.system.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A child JVM started from a {@link JavaCommand}, observed from outside: its pid, output, exit
 * status, and the signals it is sent. {@link #close()} always ends it and every process it started,
 * so that a test leaves no process behind.
 */
public final class JavaProcess implements AutoCloseable {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private final Process process;

	private final CapturedOutput output;

	private final Duration closeGrace;

	private final List<String> commandLine;

	private final Path temporaryDirectory;

	JavaProcess(Process process, CapturedOutput output, Duration closeGrace, List<String> commandLine,
			Path temporaryDirectory) {
		this.process = process;
		this.output = output;
		this.closeGrace = closeGrace;
		this.commandLine = List.copyOf(commandLine);
		this.temporaryDirectory = temporaryDirectory;
	}

	/**
	 * The command line the process was started with, its own {@code -Djava.io.tmpdir} included.
	 * @return the command line
	 */
	public List<String> startedCommandLine() {
		return this.commandLine;
	}

	/**
	 * The process's own {@code java.io.tmpdir}, deleted by {@link #close()}.
	 * @return the directory
	 */
	public Path temporaryDirectory() {
		return this.temporaryDirectory;
	}

	/**
	 * The process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * The child, for what this class does not offer.
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * Whether the process still runs.
	 * @return {@code true} until it ended
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Everything the process wrote so far: its standard output, then its standard error.
	 * @return the text
	 * @throws IOException if the output cannot be read
	 */
	public String output() throws IOException {
		return standardOutput() + standardError();
	}

	/**
	 * What the process wrote to standard output so far (with standard error when merged).
	 * @return the text
	 * @throws IOException if the output cannot be read
	 */
	public String standardOutput() throws IOException {
		return this.output.standardOutput();
	}

	/**
	 * What the process wrote to standard error so far; empty when merged into standard output.
	 * @return the text
	 * @throws IOException if the output cannot be read
	 */
	public String standardError() throws IOException {
		return this.output.standardError();
	}

	/**
	 * Wait until the output holds a text.
	 * @param text the text
	 * @param timeout how long to wait
	 * @throws IllegalStateException with the output if the process ends or the time runs out first
	 * @throws Exception if the output cannot be read or the wait is interrupted
	 */
	public void awaitOutput(String text, Duration timeout) throws Exception {
		await("'" + text + "'", timeout, () -> output().contains(text));
	}

	/**
	 * Wait until a line of the output matches a pattern.
	 * @param pattern what part of the line must match
	 * @param timeout how long to wait
	 * @return the first line that matches
	 * @throws IllegalStateException with the output if the process ends or the time runs out first
	 * @throws Exception if the output cannot be read or the wait is interrupted
	 */
	public String awaitLine(Pattern pattern, Duration timeout) throws Exception {
		List<String> found = new ArrayList<>(1);
		await("a line matching '" + pattern + "'", timeout, () -> {
			Optional<String> line = output().lines().filter((candidate) -> pattern.matcher(candidate).find()).findFirst();
			line.ifPresent(found::add);
			return line.isPresent();
		});
		return found.get(0);
	}

	/**
	 * Wait until a condition holds while the process runs.
	 * @param what what is awaited, for the failure message
	 * @param timeout how long to wait
	 * @param condition the condition, checked every 50 ms
	 * @throws IllegalStateException with the output if the process ends or the time runs out first
	 * @throws Exception if the condition throws, or the wait is interrupted
	 */
	public void await(String what, Duration timeout, Condition condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.holds()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"exited with " + this.process.exitValue() + " before " + what + ":\n" + output());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no " + what + " within " + timeout + ":\n" + output());
			}
			Thread.sleep(50);
		}
	}

	/**
	 * Wait for the process to end by itself.
	 * @param timeout how long to wait
	 * @return its exit status (128 + the signal's number when a signal ended it)
	 * @throws IllegalStateException with the output if it still runs after the timeout
	 * @throws Exception if the output cannot be read or the wait is interrupted
	 */
	public int awaitExit(Duration timeout) throws Exception {
		OptionalInt status = exitStatusWithin(timeout);
		if (status.isEmpty()) {
			throw new IllegalStateException("still running after " + timeout + ":\n" + output());
		}
		return status.getAsInt();
	}

	/**
	 * Wait for the process to end by itself, and return as soon as it is reaped.
	 * @param timeout how long to wait
	 * @return its exit status, or empty if it still runs after the timeout
	 * @throws InterruptedException if the wait is interrupted
	 */
	public OptionalInt exitStatusWithin(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? OptionalInt.of(this.process.exitValue())
				: OptionalInt.empty();
	}

	/**
	 * Send SIGTERM and wait for the exit.
	 * @param timeout how long to wait
	 * @return the exit status
	 * @throws IllegalStateException with the output if it still runs after the timeout
	 * @throws Exception if the output cannot be read or the wait is interrupted
	 */
	public int terminate(Duration timeout) throws Exception {
		this.process.destroy();
		return awaitExit(timeout);
	}

	/**
	 * Send a signal with {@code kill(1)}: the process sees the {@code kill} command as the sender.
	 * @param name the signal's name without {@code SIG}, for example {@code HUP}
	 * @throws IOException if {@code kill} fails
	 * @throws InterruptedException if interrupted while {@code kill} runs
	 */
	public void signal(String name) throws IOException, InterruptedException {
		signal(pid(), name);
	}

	/**
	 * Send a signal to any process with {@code kill(1)}.
	 * @param pid the process
	 * @param name the signal's name without {@code SIG}, for example {@code HUP}
	 * @throws IOException if {@code kill} fails
	 * @throws InterruptedException if interrupted while {@code kill} runs
	 */
	public static void signal(long pid, String name) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).redirectErrorStream(true).start();
		String said = new String(kill.getInputStream().readAllBytes()).strip();
		if (kill.waitFor() != 0) {
			throw new IOException("kill -s " + name + " " + pid + " failed: " + said);
		}
	}

	/**
	 * End the process and every process it started that still runs: SIGTERM, then SIGKILL to
	 * whatever is left after the grace period; then delete the temporary output files, the
	 * process's {@code java.io.tmpdir} and what HotSpot keeps per JVM in {@code /tmp} whatever
	 * {@code java.io.tmpdir} says (the attach socket {@code .java_pid<pid>} that {@code jcmd}
	 * makes a JVM open, and the performance data file), which a JVM that was killed leaves behind.
	 * @throws Exception if the output files cannot be deleted or the wait is interrupted
	 */
	@Override
	public void close() throws Exception {
		List<Long> ended = new ArrayList<>(List.of(pid()));
		try {
			endProcessTree(ended);
		}
		finally {
			try {
				this.output.delete();
			}
			finally {
				TemporaryDirectories.delete(this.temporaryDirectory);
				ended.stream()
					.filter((pid) -> ProcessHandle.of(pid).map((handle) -> !handle.isAlive()).orElse(true))
					.forEach(TemporaryDirectories::deleteJvmFiles);
			}
		}
	}

	private void endProcessTree(List<Long> ended) throws InterruptedException {
		// listed before the signal, while they can still be found through their parent
		List<ProcessHandle> descendants = descendants();
		descendants.forEach((handle) -> ended.add(handle.pid()));
		if (!this.process.isAlive() && descendants.isEmpty()) {
			return;
		}
		// one signal each: a second SIGTERM could cut a graceful shutdown short
		this.process.destroy();
		descendants.forEach(ProcessHandle::destroy);
		if (!awaitEnded(descendants, this.closeGrace)) {
			descendants().stream().filter((handle) -> !descendants.contains(handle)).forEach((handle) -> {
				descendants.add(handle);
				ended.add(handle.pid());
			});
			this.process.destroyForcibly();
			descendants.forEach(ProcessHandle::destroyForcibly);
			awaitEnded(descendants, KILL_TIMEOUT);
		}
	}

	private List<ProcessHandle> descendants() {
		List<ProcessHandle> descendants = new ArrayList<>();
		ProcessHandle.of(pid()).ifPresent((handle) -> handle.descendants().forEach(descendants::add));
		return descendants;
	}

	private boolean awaitEnded(List<ProcessHandle> descendants, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (!this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			return false;
		}
		for (ProcessHandle handle : descendants) {
			while (handle.isAlive()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(10);
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "java process " + pid() + " (output in " + this.output.location() + ")";
	}

	/**
	 * A condition awaited while the process runs.
	 */
	@FunctionalInterface
	public interface Condition {

		/**
		 * Whether the condition holds now.
		 * @return {@code true} once it holds
		 * @throws Exception if it cannot be checked
		 */
		boolean holds() throws Exception;

	}

}
