package org.slimta.system.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The {@code posix_spawn} call that starts what a {@link SpawnRequest} asks for: its attributes
 * (signal mask, default signal actions, new session) and its file actions (redirections, the
 * descriptors kept, all others closed, the working directory), on whichever of glibc's
 * non-portable file actions this C library has.
 */
final class PosixSpawn {

	private static final short POSIX_SPAWN_SETSIGDEF = 0x04;

	private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

	private static final short POSIX_SPAWN_SETSID = 0x80;

	// Sizes on 64-bit glibc.
	private static final int ATTRIBUTES_SIZE = 336;

	private static final int FILE_ACTIONS_SIZE = 80;

	private static final int SIGKILL = 9;

	private static final int SIGSTOP = 19;

	// With 32 and 33, glibc's own: without SETSIGDEF for them posix_spawn leaves them ignored.
	private static final Set<Integer> CATCHABLE_SIGNALS = IntStream.rangeClosed(1, 64)
		.filter((signal) -> signal != SIGKILL && signal != SIGSTOP)
		.boxed()
		.collect(Collectors.toUnmodifiableSet());

	// Changes to the directory in $1, then executes the rest: the working directory without addchdir_np.
	private static final String CHANGE_DIRECTORY_SCRIPT = "cd -- \"$1\" || exit 127; shift; exec \"$@\"";

	private final SpawnLibrary library;

	private final Runtime runtime;

	private final boolean changesDirectory;

	private final boolean closesFrom;

	private PosixSpawn(SpawnLibrary library, boolean changesDirectory, boolean closesFrom) {
		this.library = library;
		this.runtime = Runtime.getRuntime(library);
		this.changesDirectory = changesDirectory;
		this.closesFrom = closesFrom;
	}

	/**
	 * The call on this C library, with {@code addchdir_np} and {@code addclosefrom_np} where it has
	 * them.
	 * @param library the bound C library
	 * @return the call
	 */
	static PosixSpawn probe(SpawnLibrary library) {
		// A symbol glibc lacks is bound anyway and fails only when called: call each once.
		Pointer actions = Memory.allocateDirect(Runtime.getRuntime(library), FILE_ACTIONS_SIZE, true);
		checkResult(library.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
		try {
			boolean changesDirectory = available(() -> library.posix_spawn_file_actions_addchdir_np(actions, "/"));
			boolean closesFrom = available(() -> library.posix_spawn_file_actions_addclosefrom_np(actions, 3));
			return new PosixSpawn(library, changesDirectory, closesFrom);
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

	/** This call as on a C library without {@code addchdir_np} and {@code addclosefrom_np}. */
	PosixSpawn withoutNonPortableFileActions() {
		return new PosixSpawn(this.library, false, false);
	}

	/**
	 * Start a child process.
	 * @param request what to start, and how
	 * @return the child's pid
	 * @throws PosixException if the child could not be started
	 */
	int spawn(SpawnRequest request) {
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
			int flags = OpenFlags.of(file.options());
			checkResult(this.library.posix_spawn_file_actions_addopen(actions, fd, file.path().toString(), flags,
					OpenFlags.CREATED_FILE_MODE), "posix_spawn_file_actions_addopen(" + fd + ", " + file.path() + ")");
		}
		else if (redirection instanceof Redirection.Descriptor descriptor && descriptor.fd() != fd) {
			checkResult(this.library.posix_spawn_file_actions_adddup2(actions, descriptor.fd(), fd),
					"posix_spawn_file_actions_adddup2(" + descriptor.fd() + ", " + fd + ")");
		}
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

}
