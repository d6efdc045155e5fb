package org.slimta.system.internal.posix;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;

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
 * load jnr-posix: on JDK 22 and later through the JDK's foreign function API, which unpacks nothing
 * to disk, otherwise through jnr-ffi (see {@code NativeImplementation}).
 */
public final class NativeProcesses {

	static final int EINTR = 4;

	private static final Cleaner CLEANER = Cleaner.create();

	private final ProcessCalls calls;

	private final PosixSpawn spawn;

	private final ChildReaper reaper;

	private NativeProcesses(ProcessCalls calls, PosixSpawn spawn) {
		this.calls = calls;
		this.spawn = spawn;
		this.reaper = new ChildReaper(calls);
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
		return new NativeProcesses(this.calls, this.spawn.withoutNonPortableFileActions());
	}

	/**
	 * Bind the calls through one implementation, whichever the running JDK would choose: the
	 * tests run each one that this JVM can.
	 * @param foreign whether through the JDK's foreign function API (JDK 22+), or jnr-ffi
	 * @return the calls, or why they are unavailable
	 */
	static LibcBinding<NativeProcesses> bind(boolean foreign) {
		LibcBinding<ProcessCalls> calls = foreign ? LibcBinding.foreign(ProcessCalls.class, "ForeignProcessCalls")
				: JnrProcessCalls.bind();
		PosixUnavailableException failure = calls.failure();
		if (failure != null) {
			return new LibcBinding<>(null, failure);
		}
		return new LibcBinding<>(new NativeProcesses(calls.get(), new PosixSpawn(calls.get())), null);
	}

	/**
	 * Start a child process.
	 * @param request what to start, and how
	 * @return the child's pid; reap it with {@link #reap(int)}
	 * @throws PosixException if the child could not be started, for example {@code ENOENT} when the
	 * program or a file to redirect from does not exist
	 */
	public int spawn(SpawnRequest request) {
		return this.spawn.spawn(request);
	}

	/**
	 * Make a pipe whose both ends are close-on-exec: a child gets one end only by a
	 * {@link Redirection#descriptor(int)} or {@link SpawnRequest#keepOpen()}.
	 * @return the descriptors
	 */
	public Pipe pipe() {
		int[] fds = new int[2];
		int result = this.calls.pipe2(fds, OpenFlags.O_CLOEXEC);
		if (result < 0) {
			throw new PosixException("pipe2(O_CLOEXEC)", -result);
		}
		return new Pipe(fds[0], fds[1]);
	}

	/**
	 * An input stream that reads a descriptor and closes it when closed or unreachable.
	 * @param fd the descriptor, which the stream now owns
	 * @return the stream, unbuffered
	 */
	public InputStream inputStream(int fd) {
		DescriptorStreams.Owned owned = new DescriptorStreams.Owned(this.calls, fd);
		InputStream stream = new DescriptorStreams.Input(owned);
		owned.cleanable = CLEANER.register(stream, owned);
		return stream;
	}

	/**
	 * An output stream that writes a descriptor and closes it when closed or unreachable.
	 * @param fd the descriptor, which the stream now owns
	 * @return the stream, unbuffered
	 */
	public OutputStream outputStream(int fd) {
		DescriptorStreams.Owned owned = new DescriptorStreams.Owned(this.calls, fd);
		OutputStream stream = new DescriptorStreams.Output(owned);
		owned.cleanable = CLEANER.register(stream, owned);
		return stream;
	}

	/**
	 * Close a descriptor.
	 * @param fd the descriptor
	 */
	public void close(int fd) {
		this.calls.close(fd);
	}

	/**
	 * Wait until a child has ended, without reaping it: until {@link #reap(int)}, its pid stays
	 * taken, so a signal sent meanwhile cannot reach another process.
	 * @param pid the child
	 */
	public void awaitExit(int pid) {
		this.reaper.awaitExit(pid);
	}

	/**
	 * Reap a child, waiting for it to end if need be.
	 * @param pid the child
	 * @return its exit status, or 128 + the signal number if a signal ended it (as the JDK reports it)
	 */
	public int reap(int pid) {
		return this.reaper.reap(pid);
	}

	/**
	 * Send a signal to a process: the project's one {@code kill}, which {@link Posix#kill} uses too.
	 * @param pid the process
	 * @param signal the signal number, or {@code 0} to check that the process exists
	 * @throws PosixException if the signal could not be sent ({@code ESRCH}, {@code EPERM})
	 */
	public void kill(int pid, int signal) {
		int result = this.calls.kill(pid, signal);
		if (result < 0) {
			throw new PosixException("kill(" + pid + ", " + signal + ")", -result);
		}
	}

	/**
	 * Both ends of a pipe.
	 *
	 * @param readEnd the descriptor to read from
	 * @param writeEnd the descriptor to write to
	 */
	public record Pipe(int readEnd, int writeEnd) {
	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final LibcBinding<NativeProcesses> BOUND = bind(NativeImplementation.foreign());

	}

}
