package org.slimta.system.internal.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The {@code posix_spawn} call that starts what a {@link SpawnRequest} asks for: its attributes
 * (signal mask, default signal actions, new session) and its file actions (redirections, the
 * descriptors kept, all others closed, the working directory), on whichever of glibc's
 * non-portable file actions this C library has. The decisions are made here once, whichever
 * implementation of {@link ProcessCalls} makes the calls.
 */
final class PosixSpawn {

	private static final short POSIX_SPAWN_SETSIGDEF = 0x04;

	private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

	private static final short POSIX_SPAWN_SETSID = 0x80;

	private static final int SIGKILL = 9;

	private static final int SIGSTOP = 19;

	// With 32 and 33, glibc's own: without SETSIGDEF for them posix_spawn leaves them ignored.
	private static final Set<Integer> CATCHABLE_SIGNALS = IntStream.rangeClosed(1, 64)
		.filter((signal) -> signal != SIGKILL && signal != SIGSTOP)
		.boxed()
		.collect(Collectors.toUnmodifiableSet());

	// Changes to the directory in $1, then executes the rest: the working directory without addchdir_np.
	private static final String CHANGE_DIRECTORY_SCRIPT = "cd -- \"$1\" || exit 127; shift; exec \"$@\"";

	private final ProcessCalls calls;

	private final boolean changesDirectory;

	private final boolean closesFrom;

	PosixSpawn(ProcessCalls calls) {
		this(calls, calls.changesDirectory(), calls.closesFrom());
	}

	private PosixSpawn(ProcessCalls calls, boolean changesDirectory, boolean closesFrom) {
		this.calls = calls;
		this.changesDirectory = changesDirectory;
		this.closesFrom = closesFrom;
	}

	/** This call as on a C library without {@code addchdir_np} and {@code addclosefrom_np}. */
	PosixSpawn withoutNonPortableFileActions() {
		return new PosixSpawn(this.calls, false, false);
	}

	/**
	 * Start a child process.
	 * @param request what to start, and how
	 * @return the child's pid
	 * @throws PosixException if the child could not be started
	 */
	int spawn(SpawnRequest request) {
		try (ProcessCalls.Spawn spawn = this.calls.spawn()) {
			setAttributes(spawn, request);
			return spawn(request, spawn);
		}
	}

	private void setAttributes(ProcessCalls.Spawn spawn, SpawnRequest request) {
		short flags = POSIX_SPAWN_SETSIGMASK;
		checkResult(spawn.setsigmask(SignalSet.of(request.signalMask())),
				"posix_spawnattr_setsigmask(" + request.signalMask() + ")");
		if (request.defaultSignalActions()) {
			flags |= POSIX_SPAWN_SETSIGDEF;
			checkResult(spawn.setsigdefault(SignalSet.of(CATCHABLE_SIGNALS)),
					"posix_spawnattr_setsigdefault");
		}
		if (request.newSession()) {
			flags |= POSIX_SPAWN_SETSID;
		}
		checkResult(spawn.setflags(flags), "posix_spawnattr_setflags(" + flags + ")");
	}

	private int spawn(SpawnRequest request, ProcessCalls.Spawn spawn) {
		redirect(spawn, 0, request.stdin());
		redirect(spawn, 1, request.stdout());
		redirect(spawn, 2, request.stderr());
		for (int fd : request.keepOpen()) {
			// dup2 onto itself clears close-on-exec in the child (glibc 2.29+, Austin Group issue 411)
			checkResult(spawn.adddup2(fd, fd),
					"posix_spawn_file_actions_adddup2(" + fd + ", " + fd + ")");
		}
		closeOthers(spawn, request.keepOpen());
		String program = request.program();
		List<String> arguments = request.arguments();
		Path directory = request.workingDirectory();
		if (directory != null && this.changesDirectory) {
			checkResult(spawn.addchdir(directory.toString()),
					"posix_spawn_file_actions_addchdir_np(" + directory + ")");
		}
		else if (directory != null) {
			List<String> script = new ArrayList<>(List.of("sh", "-c", CHANGE_DIRECTORY_SCRIPT, "sh", directory.toString(), program));
			script.addAll(arguments.subList(Math.min(1, arguments.size()), arguments.size()));
			program = "/bin/sh";
			arguments = script;
		}
		int[] pid = new int[1];
		List<String> envp = request.environment()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toList();
		// Like execvp: a name without a slash is looked up in PATH.
		boolean search = !program.contains("/");
		checkResult(spawn.spawn(pid, search, program, arguments, envp),
				(search ? "posix_spawnp(" : "posix_spawn(") + program + ")");
		return pid[0];
	}

	private void redirect(ProcessCalls.Spawn spawn, int fd, Redirection redirection) {
		if (redirection instanceof Redirection.File file) {
			int flags = OpenFlags.of(file.options());
			checkResult(spawn.addopen(fd, file.path().toString(), flags,
					OpenFlags.CREATED_FILE_MODE), "posix_spawn_file_actions_addopen(" + fd + ", " + file.path() + ")");
		}
		else if (redirection instanceof Redirection.Descriptor descriptor && descriptor.fd() != fd) {
			checkResult(spawn.adddup2(descriptor.fd(), fd),
					"posix_spawn_file_actions_adddup2(" + descriptor.fd() + ", " + fd + ")");
		}
	}

	private void closeOthers(ProcessCalls.Spawn spawn, Set<Integer> keepOpen) {
		int highestKept = keepOpen.stream().mapToInt(Integer::intValue).max().orElse(2);
		// with closefrom and nothing to keep, no need to list what is open
		Set<Integer> open = (this.closesFrom && keepOpen.isEmpty()) ? Set.of() : openDescriptors();
		for (int fd : open) {
			if (fd > 2 && !keepOpen.contains(fd) && (!this.closesFrom || fd < highestKept)) {
				// a descriptor closed meanwhile fails in the child with EBADF, which glibc ignores
				checkResult(spawn.addclose(fd),
						"posix_spawn_file_actions_addclose(" + fd + ")");
			}
		}
		if (this.closesFrom) {
			checkResult(spawn.addclosefrom(highestKept + 1),
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

}
