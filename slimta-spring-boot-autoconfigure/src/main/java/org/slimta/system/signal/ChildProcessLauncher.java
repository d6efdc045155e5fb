package org.slimta.system.signal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.posix.NativeProcesses;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.internal.posix.Redirection;
import org.slimta.system.internal.posix.SpawnRequest;
import org.slimta.system.internal.signal.SpawnedProcess;

/**
 * Starts a {@link ProcessBuilder}'s command as a child with a clean signal state: no signal
 * blocked and every signal at its default action, whatever the calling thread blocks or the
 * process ignores.
 * <p>
 * A process that reads its signals from a {@code signalfd} blocks them in every thread, and a child
 * started by {@link ProcessBuilder#start()} inherits that mask: it would then ignore
 * {@link Process#destroy()} (SIGTERM), Ctrl-C and hang-ups. This launcher starts the child with
 * {@code posix_spawn} instead, with an empty signal mask and default signal actions, and honours
 * the builder's command, working directory, environment and redirects (including
 * {@link ProcessBuilder#redirectErrorStream(boolean)}). The child gets no descriptor of this
 * process beyond its standard streams. The returned {@link Process} behaves as the JDK's: exit
 * value 128 + the signal number when a signal ended the child, {@code destroy()} sends SIGTERM,
 * {@code destroyForcibly()} SIGKILL, and the child is reaped as soon as it ends.
 * <p>
 * The child does not inherit what systemd gave this very process: {@code NOTIFY_SOCKET},
 * {@code WATCHDOG_USEC}, {@code WATCHDOG_PID}, {@code LISTEN_PID}, {@code LISTEN_FDS} and
 * {@code LISTEN_FDNAMES} are left out of its environment, so that a child that speaks
 * {@code sd_notify} cannot speak for this service. A builder's environment starts as a copy of this
 * process's, so such a variable is passed on only when the builder sets it explicitly: to a value
 * other than this process's own, or one this process does not have.
 * <p>
 * Where the native calls are unavailable (not Linux), it falls back to {@link ProcessBuilder#start()}
 * on a copy of the builder with the same environment rule; the caller's builder is left as it is.
 *
 * @since 0.1.0
 */
public class ChildProcessLauncher {

	private static final Set<String> SERVICE_VARIABLES = Set.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
			"LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

	private final Map<String, String> serviceEnvironment;

	private final @Nullable NativeProcesses calls;

	/**
	 * Create a launcher for the children of this process.
	 */
	public ChildProcessLauncher() {
		this(System.getenv());
	}

	/**
	 * Create a launcher for children of a process with the given environment.
	 * @param parentEnvironment the environment of the process the children would inherit from
	 */
	ChildProcessLauncher(Map<String, String> parentEnvironment) {
		this(parentEnvironment, null);
	}

	/**
	 * Create a launcher that spawns through given native calls, to test each implementation.
	 * @param parentEnvironment the environment of the process the children would inherit from
	 * @param calls the calls, or {@code null} for this JVM's own when available
	 */
	ChildProcessLauncher(Map<String, String> parentEnvironment, @Nullable NativeProcesses calls) {
		this.calls = calls;
		Map<String, String> service = new HashMap<>();
		SERVICE_VARIABLES.forEach((name) -> {
			String value = parentEnvironment.get(name);
			if (value != null) {
				service.put(name, value);
			}
		});
		this.serviceEnvironment = Map.copyOf(service);
	}

	/**
	 * Start the builder's command.
	 * @param builder the command, directory, environment and redirects
	 * @return the started process
	 * @throws IOException if the program could not be started or a file to redirect from or to
	 * could not be opened
	 */
	public Process start(ProcessBuilder builder) throws IOException {
		if (this.calls != null) {
			return spawn(this.calls, builder);
		}
		if (!NativeProcesses.availability().available()) {
			return copyForChild(builder).start();
		}
		return spawn(NativeProcesses.get(), builder);
	}

	/**
	 * The environment a child gets from a builder's: without the service variables it holds only
	 * because it started as a copy of this process's environment.
	 */
	Map<String, String> childEnvironment(Map<String, String> requested) {
		Map<String, String> environment = new HashMap<>(requested);
		// remove(name, value): a value the builder changed was set on purpose and stays
		this.serviceEnvironment.forEach(environment::remove);
		return environment;
	}

	/**
	 * A copy of the builder with the child's environment, for {@link ProcessBuilder#start()}.
	 */
	ProcessBuilder copyForChild(ProcessBuilder builder) {
		ProcessBuilder copy = new ProcessBuilder(new ArrayList<>(builder.command())).directory(builder.directory())
			.redirectInput(builder.redirectInput())
			.redirectOutput(builder.redirectOutput())
			.redirectError(builder.redirectError())
			.redirectErrorStream(builder.redirectErrorStream());
		Map<String, String> environment = childEnvironment(builder.environment());
		copy.environment().clear();
		copy.environment().putAll(environment);
		return copy;
	}

	private Process spawn(NativeProcesses calls, ProcessBuilder builder) throws IOException {
		List<String> command = List.copyOf(builder.command());
		if (command.isEmpty()) {
			throw new IndexOutOfBoundsException("empty command");
		}
		File directory = builder.directory();
		Streams streams = new Streams(calls);
		try {
			Redirection stdin = streams.redirect(builder.redirectInput(), 0);
			Redirection stdout = streams.redirect(builder.redirectOutput(), 1);
			Redirection stderr = builder.redirectErrorStream() ? Redirection.descriptor(1)
					: streams.redirect(builder.redirectError(), 2);
			SpawnRequest request = SpawnRequest.of(command)
				.withEnvironment(childEnvironment(builder.environment()))
				.withWorkingDirectory((directory != null) ? directory.toPath().toAbsolutePath() : null)
				.withStandardStreams(stdin, stdout, stderr);
			int pid = calls.spawn(request);
			streams.closeChildEnds();
			return new SpawnedProcess(calls, pid, streams.stdin(), streams.stdout(), streams.stderr());
		}
		catch (PosixException ex) {
			streams.closeAll();
			throw new IOException("Cannot run program \"" + command.get(0) + "\""
					+ ((directory != null) ? " (in directory \"" + directory + "\")" : "") + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			streams.closeAll();
			throw ex;
		}
	}

	/** The pipes made for one child: the child's ends, closed here once it started, and ours. */
	private static final class Streams {

		private final NativeProcesses calls;

		private final List<Integer> childEnds = new ArrayList<>();

		private final int[] parentEnds = { -1, -1, -1 };

		Streams(NativeProcesses calls) {
			this.calls = calls;
		}

		Redirection redirect(Redirect redirect, int fd) throws IOException {
			return switch (redirect.type()) {
				case PIPE -> pipe(fd);
				case INHERIT -> Redirection.inherit();
				case READ -> Redirection.file(existing(redirect.file(), false), StandardOpenOption.READ);
				case WRITE -> Redirection.file(existing(redirect.file(), true), StandardOpenOption.WRITE,
						StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
				case APPEND -> Redirection.file(existing(redirect.file(), true), StandardOpenOption.WRITE,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			};
		}

		// Fail as ProcessBuilder does, rather than with an ENOENT that reads as a missing program.
		private static Path existing(File file, boolean writing) throws FileNotFoundException {
			Path path = file.toPath().toAbsolutePath();
			Path mustExist = writing ? path.getParent() : path;
			if (mustExist != null && !Files.exists(mustExist)) {
				throw new FileNotFoundException(file + " (No such file or directory)");
			}
			return path;
		}

		private Redirection pipe(int fd) {
			NativeProcesses.Pipe pipe = this.calls.pipe();
			boolean childReads = fd == 0;
			this.childEnds.add(childReads ? pipe.readEnd() : pipe.writeEnd());
			this.parentEnds[fd] = childReads ? pipe.writeEnd() : pipe.readEnd();
			return Redirection.descriptor(childReads ? pipe.readEnd() : pipe.writeEnd());
		}

		OutputStream stdin() {
			return (this.parentEnds[0] >= 0) ? new BufferedOutputStream(this.calls.outputStream(this.parentEnds[0]))
					: ClosedOutputStream.INSTANCE;
		}

		InputStream stdout() {
			return input(1);
		}

		InputStream stderr() {
			return input(2);
		}

		private InputStream input(int fd) {
			return (this.parentEnds[fd] >= 0) ? new BufferedInputStream(this.calls.inputStream(this.parentEnds[fd]))
					: InputStream.nullInputStream();
		}

		void closeChildEnds() {
			this.childEnds.forEach(this.calls::close);
			this.childEnds.clear();
		}

		void closeAll() {
			closeChildEnds();
			for (int fd : this.parentEnds) {
				if (fd >= 0) {
					this.calls.close(fd);
				}
			}
		}

	}

	/** Standard input of a child whose input is not a pipe: nothing can be written, as with the JDK. */
	private static final class ClosedOutputStream extends OutputStream {

		static final ClosedOutputStream INSTANCE = new ClosedOutputStream();

		@Override
		public void write(int b) throws IOException {
			throw new IOException("Stream closed");
		}

	}

}
