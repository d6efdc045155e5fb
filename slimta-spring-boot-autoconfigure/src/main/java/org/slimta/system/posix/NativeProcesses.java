package org.slimta.system.posix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Starting child processes with glibc's {@code posix_spawn}, with the signal mask, signal actions,
 * session, working directory and descriptors chosen exactly, and what it takes to talk to and reap
 * them: close-on-exec pipes, streams on descriptors, {@code waitid}/{@code waitpid} and {@code kill}.
 * <p>
 * A child keeps no descriptor of the parent beyond 0, 1, 2 and those asked for. This needs closing:
 * the JDK does not mark its own descriptors close-on-exec (measured on JDK 17: a child that closed
 * nothing got 24 of them, the jars, {@code lib/modules}, {@code /dev/urandom}, sockets, open
 * files). glibc 2.34+ closes them with {@code posix_spawn_file_actions_addclosefrom_np}; on older C
 * libraries every descriptor listed in {@code /proc/self/fd} just before the call is closed one by
 * one, so one that another thread opens meanwhile without close-on-exec reaches the child.
 * Without {@code posix_spawn_file_actions_addchdir_np} (glibc before 2.29) the working directory is
 * changed by {@code /bin/sh}, which then executes the program (whose {@code argv[0]} is then the
 * program as given, and whose name is looked up in the child's {@code PATH}).
 * <p>
 * Bound on first use of {@link #get()}, apart from {@link Posix}, so that starting a child does not
 * load jnr-posix.
 */
public final class NativeProcesses {

	private static final short POSIX_SPAWN_SETSIGDEF = 0x04;

	private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

	private static final short POSIX_SPAWN_SETSID = 0x80;

	// Sizes on 64-bit glibc.
	private static final int ATTRIBUTES_SIZE = 336;

	private static final int FILE_ACTIONS_SIZE = 80;

	private static final int SIGINFO_SIZE = 128;

	private static final int P_PID = 1;

	private static final int WEXITED = 4;

	private static final int WNOWAIT = 0x01000000;

	static final int EINTR = 4;

	private static final int O_WRONLY = 01;

	private static final int O_RDWR = 02;

	private static final int O_CREAT = 0100;

	private static final int O_EXCL = 0200;

	private static final int O_NOCTTY = 0400;

	private static final int O_TRUNC = 01000;

	private static final int O_APPEND = 02000;

	private static final int O_DSYNC = 010000;

	private static final int O_SYNC = 04010000;

	private static final int CREATED_FILE_MODE = 0666;

	private static final int SIGKILL = 9;

	private static final int SIGSTOP = 19;

	// With 32 and 33, glibc's own: without SETSIGDEF for them posix_spawn leaves them ignored.
	private static final Set<Integer> CATCHABLE_SIGNALS = IntStream.rangeClosed(1, 64)
		.filter((signal) -> signal != SIGKILL && signal != SIGSTOP)
		.boxed()
		.collect(Collectors.toUnmodifiableSet());

	// Changes to the directory in $1, then executes the rest: the working directory without addchdir_np.
	private static final String CHANGE_DIRECTORY_SCRIPT = "cd -- \"$1\" || exit 127; shift; exec \"$@\"";

	private static final Cleaner CLEANER = Cleaner.create();

	private final SpawnLibrary library;

	private final Runtime runtime;

	private final boolean changesDirectory;

	private final boolean closesFrom;

	private NativeProcesses(SpawnLibrary library, boolean changesDirectory, boolean closesFrom) {
		this.library = library;
		this.runtime = Runtime.getRuntime(library);
		this.changesDirectory = changesDirectory;
		this.closesFrom = closesFrom;
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if they cannot be used here
	 */
	public static NativeProcesses get() {
		return Holder.BOUND.get();
	}

	/**
	 * Whether the calls can be used here, binding them on first use.
	 * @return the availability, with the reason when unavailable
	 */
	public static Availability availability() {
		return Holder.BOUND.availability();
	}

	/**
	 * These calls as on a C library without {@code addchdir_np} and {@code addclosefrom_np}, to test
	 * the paths taken there.
	 */
	NativeProcesses withoutNonPortableFileActions() {
		return new NativeProcesses(this.library, false, false);
	}

	/**
	 * Start a child process.
	 * @param request what to start, and how
	 * @return the child's pid; reap it with {@link #reap(int)}
	 * @throws PosixException if the child could not be started, for example {@code ENOENT} when the
	 * program or a file to redirect from does not exist
	 */
	public int spawn(SpawnRequest request) {
		Pointer attributes = Memory.allocateDirect(this.runtime, ATTRIBUTES_SIZE, true);
		Pointer actions = Memory.allocateDirect(this.runtime, FILE_ACTIONS_SIZE, true);
		checkResult(this.library.posix_spawnattr_init(attributes), "posix_spawnattr_init");
		try {
			checkResult(this.library.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
			try {
				setAttributes(attributes, request);
				return spawn(request, actions, attributes);
			}
			finally {
				this.library.posix_spawn_file_actions_destroy(actions);
			}
		}
		finally {
			this.library.posix_spawnattr_destroy(attributes);
		}
	}

	private void setAttributes(Pointer attributes, SpawnRequest request) {
		short flags = POSIX_SPAWN_SETSIGMASK;
		checkResult(this.library.posix_spawnattr_setsigmask(attributes, SignalSet.of(request.signalMask())),
				"posix_spawnattr_setsigmask(" + request.signalMask() + ")");
		if (request.defaultSignalActions()) {
			flags |= POSIX_SPAWN_SETSIGDEF;
			checkResult(this.library.posix_spawnattr_setsigdefault(attributes, SignalSet.of(CATCHABLE_SIGNALS)),
					"posix_spawnattr_setsigdefault");
		}
		if (request.newSession()) {
			flags |= POSIX_SPAWN_SETSID;
		}
		checkResult(this.library.posix_spawnattr_setflags(attributes, flags), "posix_spawnattr_setflags(" + flags + ")");
	}

	private int spawn(SpawnRequest request, Pointer actions, Pointer attributes) {
		redirect(actions, 0, request.stdin());
		redirect(actions, 1, request.stdout());
		redirect(actions, 2, request.stderr());
		for (int fd : request.keepOpen()) {
			// dup2 onto itself clears close-on-exec in the child (glibc 2.29+, Austin Group issue 411)
			checkResult(this.library.posix_spawn_file_actions_adddup2(actions, fd, fd),
					"posix_spawn_file_actions_adddup2(" + fd + ", " + fd + ")");
		}
		closeOthers(actions, request.keepOpen());
		String program = request.program();
		List<String> arguments = request.arguments();
		Path directory = request.workingDirectory();
		if (directory != null && this.changesDirectory) {
			checkResult(this.library.posix_spawn_file_actions_addchdir_np(actions, directory.toString()),
					"posix_spawn_file_actions_addchdir_np(" + directory + ")");
		}
		else if (directory != null) {
			List<String> script = new ArrayList<>(List.of("sh", "-c", CHANGE_DIRECTORY_SCRIPT, "sh", directory.toString(), program));
			script.addAll(arguments.subList(Math.min(1, arguments.size()), arguments.size()));
			program = "/bin/sh";
			arguments = script;
		}
		int[] pid = new int[1];
		CharSequence[] argv = nullTerminated(arguments.stream());
		CharSequence[] envp = nullTerminated(
				request.environment().entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()));
		// Like execvp: a name without a slash is looked up in PATH.
		boolean search = !program.contains("/");
		int error = search ? this.library.posix_spawnp(pid, program, actions, attributes, argv, envp)
				: this.library.posix_spawn(pid, program, actions, attributes, argv, envp);
		checkResult(error, (search ? "posix_spawnp(" : "posix_spawn(") + program + ")");
		return pid[0];
	}

	private void redirect(Pointer actions, int fd, Redirection redirection) {
		if (redirection instanceof Redirection.File file) {
			int flags = openFlags(file.options());
			checkResult(this.library.posix_spawn_file_actions_addopen(actions, fd, file.path().toString(), flags,
					CREATED_FILE_MODE), "posix_spawn_file_actions_addopen(" + fd + ", " + file.path() + ")");
		}
		else if (redirection instanceof Redirection.Descriptor descriptor && descriptor.fd() != fd) {
			checkResult(this.library.posix_spawn_file_actions_adddup2(actions, descriptor.fd(), fd),
					"posix_spawn_file_actions_adddup2(" + descriptor.fd() + ", " + fd + ")");
		}
	}

	static int openFlags(Set<StandardOpenOption> options) {
		boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
		int flags = O_NOCTTY;
		if (write) {
			flags |= options.contains(StandardOpenOption.READ) ? O_RDWR : O_WRONLY;
		}
		flags |= options.contains(StandardOpenOption.APPEND) ? O_APPEND : 0;
		flags |= options.contains(StandardOpenOption.CREATE) ? O_CREAT : 0;
		flags |= options.contains(StandardOpenOption.CREATE_NEW) ? O_CREAT | O_EXCL : 0;
		flags |= options.contains(StandardOpenOption.TRUNCATE_EXISTING) ? O_TRUNC : 0;
		flags |= options.contains(StandardOpenOption.SYNC) ? O_SYNC : 0;
		flags |= options.contains(StandardOpenOption.DSYNC) ? O_DSYNC : 0;
		return flags;
	}

	private void closeOthers(Pointer actions, Set<Integer> keepOpen) {
		int highestKept = keepOpen.stream().mapToInt(Integer::intValue).max().orElse(2);
		// with closefrom and nothing to keep, no need to list what is open
		Set<Integer> open = (this.closesFrom && keepOpen.isEmpty()) ? Set.of() : openDescriptors();
		for (int fd : open) {
			if (fd > 2 && !keepOpen.contains(fd) && (!this.closesFrom || fd < highestKept)) {
				// a descriptor closed meanwhile fails in the child with EBADF, which glibc ignores
				checkResult(this.library.posix_spawn_file_actions_addclose(actions, fd),
						"posix_spawn_file_actions_addclose(" + fd + ")");
			}
		}
		if (this.closesFrom) {
			checkResult(this.library.posix_spawn_file_actions_addclosefrom_np(actions, highestKept + 1),
					"posix_spawn_file_actions_addclosefrom_np(" + (highestKept + 1) + ")");
		}
	}

	private Set<Integer> openDescriptors() {
		try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
			return entries.map((entry) -> Integer.valueOf(entry.getFileName().toString()))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list /proc/self/fd", ex);
		}
	}

	/**
	 * Make a pipe whose both ends are close-on-exec: a child gets one end only by a
	 * {@link Redirection#descriptor(int)} or {@link SpawnRequest#keepOpen()}.
	 * @return the descriptors
	 */
	public Pipe pipe() {
		int[] fds = new int[2];
		if (this.library.pipe2(fds, NativeSignals.CLOEXEC) == -1) {
			throw new PosixException("pipe2(O_CLOEXEC)", errno());
		}
		return new Pipe(fds[0], fds[1]);
	}

	/**
	 * An input stream that reads a descriptor and closes it when closed or unreachable.
	 * @param fd the descriptor, which the stream now owns
	 * @return the stream, unbuffered
	 */
	public InputStream inputStream(int fd) {
		DescriptorStreams.Owned owned = new DescriptorStreams.Owned(this.library, fd);
		InputStream stream = new DescriptorStreams.Input(this, owned);
		owned.cleanable = CLEANER.register(stream, owned);
		return stream;
	}

	/**
	 * An output stream that writes a descriptor and closes it when closed or unreachable.
	 * @param fd the descriptor, which the stream now owns
	 * @return the stream, unbuffered
	 */
	public OutputStream outputStream(int fd) {
		DescriptorStreams.Owned owned = new DescriptorStreams.Owned(this.library, fd);
		OutputStream stream = new DescriptorStreams.Output(this, owned);
		owned.cleanable = CLEANER.register(stream, owned);
		return stream;
	}

	/**
	 * Close a descriptor.
	 * @param fd the descriptor
	 */
	public void close(int fd) {
		this.library.close(fd);
	}

	/**
	 * Wait until a child has ended, without reaping it: until {@link #reap(int)}, its pid stays
	 * taken, so a signal sent meanwhile cannot reach another process.
	 * @param pid the child
	 */
	public void awaitExit(int pid) {
		byte[] info = new byte[SIGINFO_SIZE];
		while (this.library.waitid(P_PID, pid, info, WEXITED | WNOWAIT) == -1) {
			int errno = errno();
			if (errno != EINTR) {
				throw new PosixException("waitid(P_PID, " + pid + ", WEXITED | WNOWAIT)", errno);
			}
		}
	}

	/**
	 * Reap a child, waiting for it to end if need be.
	 * @param pid the child
	 * @return its exit status, or 128 + the signal number if a signal ended it (as the JDK reports it)
	 */
	public int reap(int pid) {
		int[] status = new int[1];
		while (this.library.waitpid(pid, status, 0) == -1) {
			int errno = errno();
			if (errno != EINTR) {
				throw new PosixException("waitpid(" + pid + ")", errno);
			}
		}
		return exitValue(status[0]);
	}

	static int exitValue(int waitStatus) {
		int signal = waitStatus & 0x7f;
		return (signal == 0) ? (waitStatus >> 8) & 0xff : 128 + signal;
	}

	/**
	 * Send a signal to a process.
	 * @param pid the process
	 * @param signal the signal number
	 */
	public void kill(int pid, int signal) {
		if (this.library.kill(pid, signal) == -1) {
			throw new PosixException("kill(" + pid + ", " + signal + ")", errno());
		}
	}

	SpawnLibrary library() {
		return this.library;
	}

	int errno() {
		return this.runtime.getLastError();
	}

	// posix_spawn* return the error number instead of setting errno.
	private static void checkResult(int error, String call) {
		if (error != 0) {
			throw new PosixException(call, error);
		}
	}

	private static CharSequence[] nullTerminated(Stream<String> strings) {
		List<CharSequence> list = new ArrayList<>(strings.toList());
		list.add(null);
		return list.toArray(new CharSequence[0]);
	}

	/**
	 * Both ends of a pipe.
	 *
	 * @param readEnd the descriptor to read from
	 * @param writeEnd the descriptor to write to
	 */
	public record Pipe(int readEnd, int writeEnd) {
	}

	private static final class Holder {

		static final LibcBinding<NativeProcesses> BOUND = LibcBinding.load(SpawnLibrary.class, Holder::probe);

		// A symbol glibc lacks is bound anyway and fails only when called: call each once.
		private static NativeProcesses probe(SpawnLibrary library) {
			Pointer actions = Memory.allocateDirect(Runtime.getRuntime(library), FILE_ACTIONS_SIZE, true);
			checkResult(library.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
			try {
				boolean changesDirectory = available(() -> library.posix_spawn_file_actions_addchdir_np(actions, "/"));
				boolean closesFrom = available(() -> library.posix_spawn_file_actions_addclosefrom_np(actions, 3));
				return new NativeProcesses(library, changesDirectory, closesFrom);
			}
			finally {
				library.posix_spawn_file_actions_destroy(actions);
			}
		}

		private static boolean available(IntSupplier call) {
			try {
				return call.getAsInt() == 0;
			}
			catch (UnsatisfiedLinkError ex) {
				return false;
			}
		}

	}

}
