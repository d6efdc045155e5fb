package org.slimta.system.internal.posix;

import java.util.Optional;
import java.util.function.Supplier;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.jspecify.annotations.Nullable;

/**
 * The native system calls the helpers need, as typed Java methods, made through the JDK's foreign
 * function API on JDK 22 and later and through jnr-posix before (see {@link NativeImplementation}).
 * Nothing else in the project touches either. A failed call throws a {@link PosixException} that
 * names the call and {@code errno}.
 * <p>
 * The native library is loaded on first use of {@link #get()} or {@link #availability()}, not at
 * class load, so that merely loading this class never fails; on systems other than Linux the
 * calls report themselves unavailable with the reason.
 */
public final class Posix {

	private final PosixCalls posix;

	Posix(PosixCalls posix) {
		this.posix = posix;
	}

	/**
	 * The native calls, loading them on first use.
	 * @return the native calls
	 * @throws PosixUnavailableException if they cannot be used here
	 */
	public static Posix get() {
		Loaded loaded = Holder.LOADED;
		if (loaded.posix == null) {
			throw new PosixUnavailableException(loaded.availability.reason(),
					loaded.availability.remedy().isEmpty() ? null : loaded.availability.remedy(), loaded.failure);
		}
		NativeAccess.ensureAvailability();
		return loaded.posix;
	}

	/**
	 * Whether the native calls can be used here, loading them on first use.
	 * @return the availability, with the reason when unavailable
	 */
	public static Availability availability() {
		return Holder.LOADED.availability;
	}

	/** The id of this process. */
	public int pid() {
		return this.posix.getpid();
	}

	/** The effective user id of the calling thread. */
	public int effectiveUid() {
		return this.posix.geteuid();
	}

	/** The effective group id of the calling thread. */
	public int effectiveGid() {
		return this.posix.getegid();
	}

	/**
	 * Look up a user by name.
	 * @param name the login name
	 * @return the user, or empty if there is none of that name
	 */
	public Optional<UserEntry> user(String name) {
		return Optional.ofNullable(this.posix.userByName(name));
	}

	/**
	 * Look up a user by id.
	 * @param uid the user id
	 * @return the user, or empty if the id has no entry
	 */
	public Optional<UserEntry> user(int uid) {
		return Optional.ofNullable(this.posix.userById(uid));
	}

	/**
	 * Look up a group by name.
	 * @param name the group name
	 * @return the group, or empty if there is none of that name
	 */
	public Optional<GroupEntry> group(String name) {
		return Optional.ofNullable(this.posix.groupByName(name));
	}

	/**
	 * Look up a group by id.
	 * @param gid the group id
	 * @return the group, or empty if the id has no entry
	 */
	public Optional<GroupEntry> group(int gid) {
		return Optional.ofNullable(this.posix.groupById(gid));
	}

	/**
	 * Send a signal to a process.
	 * @param pid the process
	 * @param signal the signal number, or {@code 0} to check that the process exists
	 * @throws PosixException if the signal could not be sent ({@code ESRCH}, {@code EPERM})
	 */
	public void kill(int pid, int signal) {
		// One kill for the project, on the binding that starting and reaping children use.
		NativeProcesses.get().kill(pid, signal);
	}

	/**
	 * Set the real, effective and saved group id of every thread of this process (glibc applies it
	 * to all threads).
	 * @param gid the group id
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETGID})
	 */
	public void setgid(int gid) {
		check(this.posix.setgid(gid), "setgid(" + gid + ")");
	}

	/**
	 * Set the real, effective and saved user id of every thread of this process (glibc applies it
	 * to all threads); as root this is for good.
	 * @param uid the user id
	 * @throws PosixException if the call fails ({@code EPERM} without {@code CAP_SETUID})
	 */
	public void setuid(int uid) {
		check(this.posix.setuid(uid), "setuid(" + uid + ")");
	}

	/**
	 * Set the file mode creation mask of this process.
	 * @param mask the mask, for example {@code 022}
	 * @return the previous mask
	 */
	public int umask(int mask) {
		return this.posix.umask(mask);
	}

	/**
	 * Point a descriptor at a file opened again (for writing, appended, created if missing): how a
	 * daemon's standard output follows a log file that was moved away.
	 * @param fd the descriptor, for example {@code 1}
	 * @param path the file
	 * @throws PosixException if the file cannot be opened or the descriptor replaced
	 */
	public void reopenForAppend(int fd, String path) {
		int opened = this.posix.open(path, OpenFlags.APPEND, OpenFlags.CREATED_FILE_MODE);
		check(opened, "open(" + path + ", O_WRONLY|O_APPEND|O_CREAT)");
		try {
			check(this.posix.dup2(opened, fd), "dup2(" + opened + ", " + fd + ")");
		}
		finally {
			this.posix.close(opened);
		}
	}

	private static void check(int result, String call) {
		if (result < 0) {
			throw new PosixException(call, -result);
		}
	}

	/**
	 * Decide whether the native calls can be used: only on Linux, and only if jnr loads them natively.
	 * @param osName the operating system's name, as in {@code os.name}
	 * @param loader loads jnr-posix
	 * @return the loaded calls, or why there are none
	 */
	static Loaded load(String osName, Supplier<POSIX> loader) {
		if (!Availability.isLinux(osName)) {
			return new Loaded(null, Availability.notLinux(osName), null);
		}
		PosixUnavailableException unavailable = NativeAccess.unavailabilityCause();
		if (unavailable != null) {
			return new Loaded(null, Availability.of(unavailable), unavailable);
		}
		try {
			POSIX posix = loader.get();
			if (!posix.isNative()) {
				return new Loaded(null, Availability.no("jnr-posix could not load the C library"), null);
			}
			return new Loaded(new Posix(new JnrPosixCalls(posix)), Availability.yes(), null);
		}
		catch (RuntimeException | LinkageError ex) {
			return new Loaded(null, Availability.no("jnr-posix failed to load: " + ex), ex);
		}
	}

	/**
	 * The calls of this JVM's implementation: the foreign one on JDK 22+, jnr-posix otherwise.
	 * @return the loaded calls, or why there are none
	 */
	static Loaded load() {
		if (!NativeImplementation.foreign()) {
			return load(System.getProperty("os.name", "unknown"),
					() -> POSIXFactory.getNativePOSIX(new ErrorThrowingHandler()));
		}
		try {
			NativeAccess.ensureAvailability();
			return new Loaded(new Posix(NativeImplementation.instantiate(PosixCalls.class, "ForeignPosixCalls")),
					Availability.yes(), null);
		}
		catch (PosixUnavailableException ex) {
			return new Loaded(null, Availability.of(ex), ex);
		}
	}

	record Loaded(@Nullable Posix posix, Availability availability, @Nullable Throwable failure) {
	}

	// The holder idiom: loaded once, on first use, thread-safe without locking.
	private static final class Holder {

		static final Loaded LOADED = load();

	}

}
